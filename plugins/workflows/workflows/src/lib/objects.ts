/** A plain object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** True for values a form treats as "not set". */
const isUnset = (value: unknown) =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isRecord(value) && Object.keys(value).length === 0);

/**
 * Returns a copy of `target` with the value at `path` set; an unset value
 * (undefined, '', [] or {}) removes the key, and parents left empty by that
 * are removed too, so the document never holds `retry: {}`.
 */
export function setIn<T extends Record<string, unknown>>(
  target: T,
  path: readonly string[],
  value: unknown,
): T {
  const [key, ...rest] = path;
  const next: Record<string, unknown> = { ...target };
  const child = rest.length
    ? setIn(isRecord(target[key]) ? target[key] : {}, rest, value)
    : value;
  if (isUnset(child)) delete next[key];
  else next[key] = child;
  return next as T;
}

/**
 * One difference between two JSON values.
 *
 * @public
 */
export interface JsonChange {
  /** Where, e.g. `runtime.config.model` or `inputSchema.required[0]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The old value (absent when added). */
  before?: unknown;
  /** The new value (absent when removed). */
  after?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const keyPath = (prefix: string, key: string) => {
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key)
    ? key
    : `[${JSON.stringify(key)}]`;
  if (!prefix) return segment;
  return segment.startsWith('[')
    ? `${prefix}${segment}`
    : `${prefix}.${segment}`;
};

function walk(
  before: unknown,
  after: unknown,
  path: string,
  out: JsonChange[],
) {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys.sort()) {
      const child = keyPath(path, key);
      if (!(key in after)) {
        out.push({ path: child, kind: 'removed', before: before[key] });
      } else if (!(key in before)) {
        out.push({ path: child, kind: 'added', after: after[key] });
      } else {
        walk(before[key], after[key], child, out);
      }
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) {
      const child = `${path}[${i}]`;
      if (i >= after.length) {
        out.push({ path: child, kind: 'removed', before: before[i] });
      } else if (i >= before.length) {
        out.push({ path: child, kind: 'added', after: after[i] });
      } else {
        walk(before[i], after[i], child, out);
      }
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path: path || '(root)', kind: 'changed', before, after });
  }
}

/**
 * A structured, field-by-field diff of two JSON values: each added, removed
 * or changed leaf (or whole subtree, when only one side has it) with its
 * path and the old and new values, ordered by key.
 *
 * @public
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  walk(before, after, '', out);
  return out;
}

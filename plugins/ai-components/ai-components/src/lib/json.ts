/**
 * The result of parsing the text of a JSON field.
 *
 * @public
 */
export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; error: string };

/**
 * Parses JSON text; with `objectOnly`, anything but a JSON object is an
 * error too. Messages are for showing under the field.
 *
 * @public
 */
export function parseJson(
  text: string,
  options: { objectOnly?: boolean } = {},
): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
  if (
    options.objectOnly &&
    (typeof value !== 'object' || value === null || Array.isArray(value))
  ) {
    return { ok: false, error: 'Must be a JSON object, e.g. {}' };
  }
  return { ok: true, value };
}

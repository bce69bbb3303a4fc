/** Small helpers to compare JSON Schema types where both sides declare one. */

type Schema = Record<string, unknown>;

/** The JSON Schema type name of a JSON value. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number')
    return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The sub-schema at a property path, or undefined where the schema does not say. */
export function schemaAtPath(
  schema: Schema | undefined,
  path: string[],
): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const name of path) {
    const properties = current?.properties as
      | Record<string, Schema>
      | undefined;
    if (!properties || typeof properties !== 'object' || !properties[name])
      return undefined;
    current = properties[name];
  }
  return current;
}

const typesOf = (schema: Schema): string[] | undefined => {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t))
    return t.filter((x): x is string => typeof x === 'string');
  return undefined;
};

/** False only when both schemas declare types and none of them fit. */
export function typesCompatible(actual: Schema, expected: Schema): boolean {
  const a = typesOf(actual);
  const e = typesOf(expected);
  if (!a || !e) return true;
  return a.some(
    t => e.includes(t) || (t === 'integer' && e.includes('number')),
  );
}

/** `a string`, `a number or null`, `any value`. */
export function describeType(schema: Schema): string {
  const t = typesOf(schema);
  if (!t || t.length === 0) return 'any value';
  const words = t.map(x => (/^[aeiou]/.test(x) ? `an ${x}` : `a ${x}`));
  return words.join(' or ');
}

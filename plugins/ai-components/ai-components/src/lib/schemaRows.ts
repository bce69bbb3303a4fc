/**
 * One property of a JSON Schema, flattened for a table.
 *
 * @public
 */
export interface SchemaRow {
  /** Dotted path, e.g. `messages[].content`; unique within a schema. */
  path: string;
  /** The property's own name; `[]` for the items of an array. */
  name: string;
  /** Nesting level, 0 for top-level properties. */
  depth: number;
  /** Readable type, e.g. `string`, `array<object>`, `string | null`, `enum`. */
  type: string;
  required: boolean;
  description?: string;
}

type JsonSchema = Record<string, unknown>;

const MAX_DEPTH = 8;

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A readable type of one schema, without its children. */
export function describeSchemaType(schema: unknown): string {
  if (!isObject(schema)) return schema === false ? 'never' : 'any';
  if (Array.isArray(schema.enum)) {
    return `enum: ${schema.enum.map(v => JSON.stringify(v)).join(' | ')}`;
  }
  if ('const' in schema) return `const: ${JSON.stringify(schema.const)}`;
  for (const combinator of ['oneOf', 'anyOf'] as const) {
    const options = schema[combinator];
    if (Array.isArray(options)) {
      return options.map(describeSchemaType).join(' | ');
    }
  }
  if (typeof schema.$ref === 'string') return `ref ${schema.$ref}`;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const described = types
    .filter((t): t is string => typeof t === 'string')
    .map(t =>
      t === 'array' && isObject(schema.items)
        ? `array<${describeSchemaType(schema.items)}>`
        : t,
    );
  if (described.length) return described.join(' | ');
  if (isObject(schema.properties)) return 'object';
  if (isObject(schema.items)) return 'array';
  return 'any';
}

function rowsOf(
  schema: unknown,
  prefix: string,
  depth: number,
  rows: SchemaRow[],
) {
  if (!isObject(schema) || depth > MAX_DEPTH) return;
  if (isObject(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [name, property] of Object.entries(schema.properties)) {
      const path = prefix ? `${prefix}.${name}` : name;
      rows.push({
        path,
        name,
        depth,
        type: describeSchemaType(property),
        required: required.includes(name),
        description:
          isObject(property) && typeof property.description === 'string'
            ? property.description
            : undefined,
      });
      rowsOf(property, path, depth + 1, rows);
    }
  }
  if (isObject(schema.items) && isObject(schema.items.properties)) {
    rowsOf(schema.items, `${prefix}[]`, depth, rows);
  }
}

/**
 * Flattens the properties of a JSON Schema into rows, nested objects (and
 * objects inside arrays) one level deeper than their parent. A schema
 * without properties (e.g. `{}` or `{ type: 'string' }`) has no rows.
 *
 * @public
 */
export function schemaToRows(schema: unknown): SchemaRow[] {
  const rows: SchemaRow[] = [];
  rowsOf(schema, '', 0, rows);
  return rows;
}

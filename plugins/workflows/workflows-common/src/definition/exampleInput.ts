type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function placeholder(schema: unknown, depth: number): unknown {
  if (!isObject(schema) || depth > 6) return null;
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.examples) && schema.examples.length) {
    return schema.examples[0];
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    case 'object':
      return requiredObject(schema, depth + 1);
    default:
      return isObject(schema.properties)
        ? requiredObject(schema, depth + 1)
        : null;
  }
}

function requiredObject(schema: JsonSchema, depth: number) {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.fromEntries(
    required
      .filter((name): name is string => typeof name === 'string')
      .map(name => [name, placeholder(properties[name], depth)]),
  );
}

/**
 * A starting input for an input schema (a component's, or a workflow's
 * `spec.input`): an object with each required property set to its default,
 * first enum value or an empty value of its type (nested objects likewise);
 * `{}` for schemas that accept anything.
 *
 * @public
 */
export function exampleInput(schema: unknown): unknown {
  if (!isObject(schema) || Object.keys(schema).length === 0) return {};
  const value = placeholder(schema, 0);
  return value === null && schema.type !== 'null' ? {} : value;
}

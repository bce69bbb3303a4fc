import {
  aiComponentsApiSchemas,
  aiComponentsApiSpec,
} from '@ai-ops/plugin-ai-components-common';

/** A JSON Schema as the generated API schemas spell them. */
type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: readonly unknown[];
  required?: readonly string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  maxItems?: number;
  minimum?: number;
};

/**
 * Messages per top-level field of a request body, e.g.
 * `{ name: 'name must match ^[a-z0-9]+...' }`.
 *
 * @public
 */
export type FieldErrors = Partial<Record<string, string>>;

const schemas = aiComponentsApiSchemas as unknown as Record<string, Schema>;

/** Plain-language forms of the API's patterns. */
const PATTERN_HINTS: Record<string, string> = {
  '^[a-z0-9]+([-_.][a-z0-9]+)*$':
    'lowercase letters and digits, separated by single -, _ or .',
  '^[a-z0-9]+(-[a-z0-9]+)*$':
    'lowercase letters and digits, separated by single -',
  '^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$':
    'lowercase letters, digits and : + #, separated by single -',
  '^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,99}$':
    'letters, digits and _ . - (at most 100 characters, starting with a letter or digit)',
};

function resolve(schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(schemas[name] ?? {});
  }
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map(resolve);
  return {
    ...schema,
    allOf: undefined,
    type: 'object',
    required: [
      ...(schema.required ?? []),
      ...parts.flatMap(p => p.required ?? []),
    ],
    properties: Object.assign(
      {},
      ...parts.map(p => p.properties ?? {}),
      schema.properties ?? {},
    ),
  };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** The first rule `value` breaks, as a message starting with `label`. */
function check(label: string, value: unknown, raw: Schema): string | undefined {
  const schema = resolve(raw);
  if (schema.enum && !schema.enum.includes(value)) {
    return `${label} must be one of ${schema.enum.join(', ')}`;
  }
  if (schema.type && !hasType(value, schema.type)) {
    return `${label} must be ${
      schema.type === 'object' ? 'a JSON object' : `a ${schema.type}`
    }`;
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      return schema.minLength === 1
        ? `${label} is required`
        : `${label} must have at least ${schema.minLength} characters`;
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      return `${label} must have at most ${schema.maxLength} characters`;
    }
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
      const hint = PATTERN_HINTS[schema.pattern];
      return hint
        ? `${label} '${value}' must use ${hint}`
        : `${label} '${value}' must match ${schema.pattern}`;
    }
  }
  if (typeof value === 'number' && schema.minimum !== undefined) {
    if (value < schema.minimum) {
      return `${label} must be at least ${schema.minimum}`;
    }
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      return `${label} must have at most ${schema.maxItems} items`;
    }
    if (schema.items) {
      for (const item of value) {
        const message = check(`${label} item`, item, schema.items);
        if (message) return message;
      }
    }
  }
  if (
    schema.type === 'object' &&
    schema.properties &&
    hasType(value, 'object')
  ) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (record[key] === undefined) return `${label}.${key} is required`;
    }
    for (const [key, property] of Object.entries(schema.properties)) {
      if (record[key] === undefined) continue;
      const message = check(`${label}.${key}`, record[key], property);
      if (message) return message;
    }
  }
  return undefined;
}

/**
 * Checks a create or update request body with the simple rules of the API's
 * own `CreateComponentRequest` / `UpdateComponentRequest` JSON Schemas
 * (required fields, types, enums, lengths, patterns, item counts). Fields
 * left `undefined` count as absent. Returns one message per field that
 * breaks a rule; an empty object when the body passes.
 *
 * @public
 */
export function validateComponentRequest(
  body: Record<string, unknown>,
  mode: 'create' | 'update',
): FieldErrors {
  const schema = resolve(
    schemas[
      mode === 'create' ? 'CreateComponentRequest' : 'UpdateComponentRequest'
    ],
  );
  const errors: FieldErrors = {};
  for (const key of schema.required ?? []) {
    if (body[key] === undefined) errors[key] = `${key} is required`;
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (body[key] === undefined || errors[key]) continue;
    const message = check(key, body[key], property);
    if (message) errors[key] = message;
  }
  return errors;
}

/** The `secretName` path parameter of `PUT /secrets/{secretName}`. */
const secretNameSchema = aiComponentsApiSpec.paths['/secrets/{secretName}'].put
  .parameters[0].schema as Schema;

/**
 * Checks the name and value of a secret to store with the rules of the API
 * (the `secretName` pattern and `PutSecretRequest`). Returns one message per
 * field (`name`, `value`) that breaks a rule; an empty object when both pass.
 * Messages never contain the value.
 *
 * @public
 */
export function validateSecret(body: {
  name: string;
  value: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  const name =
    body.name === ''
      ? 'Name is required'
      : check('Name', body.name, secretNameSchema);
  if (name) errors.name = name;
  const valueSchema = resolve(schemas.PutSecretRequest).properties?.value;
  const value = valueSchema && check('Value', body.value, valueSchema);
  if (value) errors.value = value;
  return errors;
}

import { InputError } from '@backstage/errors';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * Result of validating a value against a JSON Schema. Each error names the
 * instance path of the offending value, `(root)` for the value itself, e.g.
 * `/messages/0/role must be string`.
 *
 * @public
 */
export type SchemaValidationResult =
  | { valid: true }
  | { valid: false; errors: string[] };

/** One failed check, with the JSON Pointer of the value it applies to. */
interface SchemaViolation {
  instancePath: string;
  message: string;
}

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

function createAjv<T extends Ajv>(AjvClass: new (options: object) => T): T {
  // strict: false, because component authors write schemas by hand and
  // annotation keywords from other tools (examples, x-*) must not break them.
  const ajv = new AjvClass({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

const ajv2020 = createAjv(Ajv2020);
const ajvDraft07 = createAjv(Ajv);

function ajvFor(schema: unknown): Ajv {
  const declared =
    typeof schema === 'object' && schema !== null
      ? (schema as { $schema?: unknown }).$schema
      : undefined;
  return typeof declared === 'string' && DRAFT_07.test(declared)
    ? ajvDraft07
    : ajv2020;
}

const validatorsByObject = new WeakMap<object, ValidateFunction>();
const validatorsByBoolean = new Map<boolean, ValidateFunction>();

function isSchemaShaped(schema: unknown): schema is object | boolean {
  return (
    typeof schema === 'boolean' ||
    (typeof schema === 'object' && schema !== null && !Array.isArray(schema))
  );
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(e => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

function registeredKeys(ajv: Ajv): string[] {
  return [...Object.keys(ajv.schemas), ...Object.keys(ajv.refs)];
}

/**
 * Compiles a schema once per schema object. The compiled function is kept
 * here and the schema (with any `$id` inside it) is dropped from Ajv's own
 * registry, so schemas loaded per request neither accumulate nor collide on
 * a repeated `$id`.
 */
function compile(schema: object | boolean): ValidateFunction {
  const cached =
    typeof schema === 'boolean'
      ? validatorsByBoolean.get(schema)
      : validatorsByObject.get(schema);
  if (cached) {
    return cached;
  }
  const ajv = ajvFor(schema);
  if (!ajv.validateSchema(schema)) {
    throw new Error(describe(ajv.errors));
  }
  const registered = new Set(registeredKeys(ajv));
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } finally {
    if (typeof schema === 'object') {
      ajv.removeSchema(schema);
    }
    for (const key of registeredKeys(ajv)) {
      if (!registered.has(key)) {
        ajv.removeSchema(key);
      }
    }
  }
  if (typeof schema === 'boolean') {
    validatorsByBoolean.set(schema, validate);
  } else {
    validatorsByObject.set(schema, validate);
  }
  return validate;
}

function formatViolation(error: ErrorObject): SchemaViolation {
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    message = `must NOT have additional property '${error.params.additionalProperty}'`;
  } else if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[])
      .map(v => JSON.stringify(v))
      .join(', ');
    message = `must be one of ${allowed}`;
  }
  return { instancePath: error.instancePath, message };
}

/**
 * Validates a value and returns each violation with its instance path, an
 * empty array when the value is valid. Throws when the schema itself is not
 * a valid JSON Schema.
 *
 * @internal
 */
export function findSchemaViolations(
  schema: unknown,
  value: unknown,
): SchemaViolation[] {
  if (!isSchemaShaped(schema)) {
    throw new Error('a JSON Schema must be an object or a boolean');
  }
  const validate = compile(schema);
  if (validate(value)) {
    return [];
  }
  return (validate.errors ?? []).map(formatViolation);
}

/**
 * Throws an `InputError` naming `field` when `schema` is not a valid JSON
 * Schema (draft 2020-12, or draft-07 when its `$schema` says so): when it
 * fails the meta-schema or cannot be compiled, for example because of an
 * unresolvable `$ref`.
 *
 * @public
 */
export function assertValidJsonSchema(schema: unknown, field: string): void {
  if (!isSchemaShaped(schema)) {
    throw new InputError(
      `${field} is not a valid JSON Schema: it must be an object or a boolean`,
    );
  }
  try {
    compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${field} is not a valid JSON Schema: ${reason}`);
  }
}

/**
 * Validates `value` against `schema`, compiling the schema once per schema
 * object. Throws when the schema is not valid; check schemas at save time
 * with {@link assertValidJsonSchema}.
 *
 * @public
 */
export function validateAgainstSchema(
  schema: unknown,
  value: unknown,
): SchemaValidationResult {
  const violations = findSchemaViolations(schema, value);
  if (violations.length === 0) {
    return { valid: true };
  }
  return {
    valid: false,
    errors: violations.map(v => `${v.instancePath || '(root)'} ${v.message}`),
  };
}

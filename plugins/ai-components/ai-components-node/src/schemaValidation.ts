import { InputError } from '@backstage/errors';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { LRUCache } from 'lru-cache';

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

function createAjv<T extends Ajv>(
  AjvClass: new (options: object) => T,
  options: object = {},
): T {
  // strict: false, because component authors write schemas by hand and
  // annotation keywords from other tools (examples, x-*) must not break them.
  const ajv = new AjvClass({ allErrors: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

type Draft = 'draft2020' | 'draft07';

const ajvClasses: Record<Draft, new (options: object) => Ajv> = {
  draft2020: Ajv2020,
  draft07: Ajv,
};

/**
 * One instance per draft that only checks schemas against the meta-schema.
 * It never compiles a schema of ours: Ajv keeps every schema an instance has
 * compiled, and its generated code, for the instance's lifetime, whatever
 * `removeSchema` is told (its code-generation scope holds them). A shared
 * instance that compiled each component's and workflow's schemas grew by
 * a few KB per schema object, and every save, invoke through the API and run
 * start brought new objects (26,000 compiled schemas, about 60 MB, in a
 * backend holding 20,000 components).
 */
const metaValidators: Record<Draft, Ajv> = {
  draft2020: createAjv(ajvClasses.draft2020),
  draft07: createAjv(ajvClasses.draft07),
};

function draftOf(schema: unknown): Draft {
  const declared =
    typeof schema === 'object' && schema !== null
      ? (schema as { $schema?: unknown }).$schema
      : undefined;
  return typeof declared === 'string' && DRAFT_07.test(declared)
    ? 'draft07'
    : 'draft2020';
}

/** How many compiled validators are kept by content (least recently used go). */
export const MAX_CACHED_VALIDATORS = 1000;

const validatorsByObject = new WeakMap<object, ValidateFunction>();
const validatorsByContent = new LRUCache<string, ValidateFunction>({
  max: MAX_CACHED_VALIDATORS,
});

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

/**
 * The validator of a schema: by identity first, then by content (the same
 * schema read again from a database or a request is another object), else
 * compiled. Each schema is compiled by an Ajv instance of its own, which
 * goes with its validator when neither cache holds it any more; so a
 * repeated `$id` never collides and nothing accumulates. Exported for tests.
 *
 * @internal
 */
export function validatorFor(schema: object | boolean): ValidateFunction {
  if (typeof schema === 'object') {
    const same = validatorsByObject.get(schema);
    if (same) return same;
  }
  const draft = draftOf(schema);
  const key = `${draft}:${JSON.stringify(schema)}`;
  let validate = validatorsByContent.get(key);
  if (!validate) {
    const meta = metaValidators[draft];
    if (!meta.validateSchema(schema)) {
      throw new Error(describe(meta.errors));
    }
    // Checked against the meta-schema above, by the shared instance. The
    // meta-schemas stay registered here: a schema may `$ref` one (a runtime
    // config that takes a JSON Schema, say).
    const compiler = createAjv(ajvClasses[draft], { validateSchema: false });
    validate = compiler.compile(schema);
    validatorsByContent.set(key, validate);
  }
  if (typeof schema === 'object') validatorsByObject.set(schema, validate);
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
  const validate = validatorFor(schema);
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
    validatorFor(schema);
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

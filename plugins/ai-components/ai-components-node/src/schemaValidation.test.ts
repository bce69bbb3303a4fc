import { InputError } from '@backstage/errors';
import {
  MAX_CACHED_VALIDATORS,
  assertValidJsonSchema,
  validateAgainstSchema,
  validatorFor,
} from './schemaValidation';

const messagesSchema = {
  type: 'object',
  required: ['messages'],
  additionalProperties: false,
  properties: {
    messages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'content'],
        properties: {
          role: { type: 'string', enum: ['system', 'user', 'assistant'] },
          content: { type: 'string' },
        },
      },
    },
  },
};

describe('validateAgainstSchema', () => {
  it('accepts a matching value', () => {
    expect(
      validateAgainstSchema(messagesSchema, {
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).toEqual({ valid: true });
  });

  it('names the instance path of every error', () => {
    const result = validateAgainstSchema(messagesSchema, {
      messages: [{ role: 7, content: 'hi' }, { role: 'robot' }],
      extra: true,
    });
    expect(result.valid).toBe(false);
    expect(result.valid === false && result.errors).toEqual(
      expect.arrayContaining([
        "(root) must NOT have additional property 'extra'",
        '/messages/0/role must be string',
        "/messages/1 must have required property 'content'",
        '/messages/1/role must be one of "system", "user", "assistant"',
      ]),
    );
  });

  it('reports the root as (root)', () => {
    expect(validateAgainstSchema({ type: 'object' }, 'text')).toEqual({
      valid: false,
      errors: ['(root) must be object'],
    });
  });

  it('supports draft 2020-12 keywords and formats', () => {
    const schema = {
      type: 'array',
      prefixItems: [{ type: 'string', format: 'email' }],
      items: false,
    };
    expect(validateAgainstSchema(schema, ['a@example.com'])).toEqual({
      valid: true,
    });
    expect(validateAgainstSchema(schema, ['not-an-email', 1])).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        '/0 must match format "email"',
        '(root) must NOT have more than 1 items',
      ]),
    });
  });

  it('validates draft-07 schemas that declare it', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'array',
      items: [{ type: 'number' }],
      additionalItems: false,
    };
    expect(validateAgainstSchema(schema, [1])).toEqual({ valid: true });
    expect(validateAgainstSchema(schema, [1, 2]).valid).toBe(false);
  });

  it('accepts boolean schemas', () => {
    expect(validateAgainstSchema(true, { any: 'thing' })).toEqual({
      valid: true,
    });
    expect(validateAgainstSchema(false, 1)).toEqual({
      valid: false,
      errors: ['(root) boolean schema is false'],
    });
  });

  it('compiles distinct schemas that reuse an $id', () => {
    const first = { $id: 'https://example.com/s', type: 'string' };
    const second = { $id: 'https://example.com/s', type: 'number' };
    expect(validateAgainstSchema(first, 'a')).toEqual({ valid: true });
    expect(validateAgainstSchema(second, 1)).toEqual({ valid: true });
    expect(validateAgainstSchema(second, 'a').valid).toBe(false);
  });

  it('compiles copies of a schema with nested $ids again and again', () => {
    const schema = {
      $id: 'https://example.com/outer',
      $defs: { inner: { $id: 'https://example.com/inner', type: 'string' } },
      $ref: 'https://example.com/inner',
    };
    for (let i = 0; i < 3; i++) {
      const copy = structuredClone(schema);
      expect(validateAgainstSchema(copy, 'text')).toEqual({ valid: true });
      expect(validateAgainstSchema(copy, 1).valid).toBe(false);
    }
  });

  it('reuses the compiled validator for the same schema object', () => {
    const schema = { type: 'integer', minimum: 3 };
    expect(validateAgainstSchema(schema, 2).valid).toBe(false);
    schema.minimum = 1;
    // Cached by identity: the schema compiled first still applies.
    expect(validateAgainstSchema(schema, 2).valid).toBe(false);
    expect(validateAgainstSchema({ ...schema }, 2)).toEqual({ valid: true });
  });
});

describe('validatorFor', () => {
  it('reuses the validator of an equal schema read again as another object', () => {
    const stored = JSON.stringify({ type: 'object', required: ['q'] });
    const first = validatorFor(JSON.parse(stored));
    expect(validatorFor(JSON.parse(stored))).toBe(first);
    // A draft-07 schema with otherwise equal content is another validator.
    const draft07 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      ...JSON.parse(stored),
    };
    expect(validatorFor(draft07)).not.toBe(first);
  });

  it("resolves a $ref to the draft's meta-schema", () => {
    const validate = validatorFor({
      type: 'object',
      properties: {
        schema: { $ref: 'https://json-schema.org/draft/2020-12/schema' },
      },
    });
    expect(validate({ schema: { type: 'string' } })).toBe(true);
    expect(validate({ schema: { type: 'strnig' } })).toBe(false);
  });

  it('keeps the most recently used validators and lets the others go', () => {
    const schemaOf = (i: number) => ({ type: 'string', maxLength: i });
    const kept = validatorFor(schemaOf(0));
    const dropped = validatorFor(schemaOf(1));
    const keptEachTime = new Set<unknown>();
    for (let i = 2; i <= MAX_CACHED_VALIDATORS; i++) {
      validatorFor(schemaOf(i));
      // Used again, so it stays among the most recent.
      if (i % 100 === 0) keptEachTime.add(validatorFor(schemaOf(0)));
    }
    expect([...keptEachTime]).toEqual([kept]);
    expect(validatorFor(schemaOf(0))).toBe(kept);
    const again = validatorFor(schemaOf(1));
    expect(again).not.toBe(dropped);
    expect(again('ab')).toBe(false);
    expect(again('a')).toBe(true);
  });
});

describe('assertValidJsonSchema', () => {
  it('accepts valid schemas', () => {
    expect(() =>
      assertValidJsonSchema(messagesSchema, 'inputSchema'),
    ).not.toThrow();
    expect(() => assertValidJsonSchema({}, 'inputSchema')).not.toThrow();
  });

  it('rejects values that are not schemas, naming the field', () => {
    expect(() => assertValidJsonSchema('string', 'outputSchema')).toThrow(
      new InputError(
        'outputSchema is not a valid JSON Schema: it must be an object or a boolean',
      ),
    );
    expect(() => assertValidJsonSchema([], 'outputSchema')).toThrow(InputError);
  });

  it('rejects schemas that fail the meta-schema', () => {
    expect(() =>
      assertValidJsonSchema({ type: 'strnig' }, 'inputSchema'),
    ).toThrow(/^inputSchema is not a valid JSON Schema: \/type /);
    expect(() =>
      assertValidJsonSchema(
        { properties: { a: { minLength: -1 } } },
        'inputSchema',
      ),
    ).toThrow(/inputSchema is not a valid JSON Schema: .*minLength/);
  });

  it('rejects schemas that cannot be compiled', () => {
    expect(() =>
      assertValidJsonSchema({ $ref: '#/$defs/missing' }, 'inputSchema'),
    ).toThrow(/^inputSchema is not a valid JSON Schema: .*missing/);
  });
});

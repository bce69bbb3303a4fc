import { describeSchemaType, schemaToRows } from './schemaRows';

describe('schemaToRows', () => {
  it('flattens properties, marking required ones and indenting nested objects', () => {
    expect(
      schemaToRows({
        type: 'object',
        required: ['text'],
        properties: {
          text: { type: 'string', description: 'The text' },
          options: {
            type: 'object',
            required: ['mode'],
            properties: { mode: { enum: ['a', 'b'] } },
          },
          messages: {
            type: 'array',
            items: {
              type: 'object',
              properties: { role: { type: 'string' } },
            },
          },
        },
      }),
    ).toEqual([
      {
        path: 'text',
        name: 'text',
        depth: 0,
        type: 'string',
        required: true,
        description: 'The text',
      },
      {
        path: 'options',
        name: 'options',
        depth: 0,
        type: 'object',
        required: false,
        description: undefined,
      },
      {
        path: 'options.mode',
        name: 'mode',
        depth: 1,
        type: 'enum: "a" | "b"',
        required: true,
        description: undefined,
      },
      {
        path: 'messages',
        name: 'messages',
        depth: 0,
        type: 'array<object>',
        required: false,
        description: undefined,
      },
      {
        path: 'messages[].role',
        name: 'role',
        depth: 1,
        type: 'string',
        required: false,
        description: undefined,
      },
    ]);
  });

  it('has no rows for schemas without properties', () => {
    expect(schemaToRows({})).toEqual([]);
    expect(schemaToRows({ type: 'string' })).toEqual([]);
    expect(schemaToRows(null)).toEqual([]);
  });
});

describe('describeSchemaType', () => {
  it('describes unions, arrays and missing types', () => {
    expect(describeSchemaType({ type: ['string', 'null'] })).toBe(
      'string | null',
    );
    expect(
      describeSchemaType({ anyOf: [{ type: 'string' }, { type: 'integer' }] }),
    ).toBe('string | integer');
    expect(
      describeSchemaType({ type: 'array', items: { type: 'number' } }),
    ).toBe('array<number>');
    expect(describeSchemaType({})).toBe('any');
  });
});

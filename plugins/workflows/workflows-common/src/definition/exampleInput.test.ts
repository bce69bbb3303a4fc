import { exampleInput } from './exampleInput';

describe('exampleInput', () => {
  it('fills the required properties with defaults or empty values', () => {
    expect(
      exampleInput({
        type: 'object',
        required: ['text', 'count', 'mode', 'options', 'flag', 'list'],
        properties: {
          text: { type: 'string' },
          count: { type: 'integer' },
          mode: { enum: ['fast', 'slow'] },
          options: {
            type: 'object',
            required: ['lang'],
            properties: { lang: { type: 'string', default: 'en' } },
          },
          flag: { type: 'boolean' },
          list: { type: 'array' },
          optional: { type: 'string' },
        },
      }),
    ).toEqual({
      text: '',
      count: 0,
      mode: 'fast',
      options: { lang: 'en' },
      flag: false,
      list: [],
    });
  });

  it('starts with {} for schemas that accept anything', () => {
    expect(exampleInput({})).toEqual({});
    expect(exampleInput(undefined)).toEqual({});
  });
});

import { validateComponentRequest, validateSecret } from './validation';

const valid = {
  name: 'upper-case',
  type: 'tool',
  owner: 'group:default/team-a',
  lifecycle: 'experimental',
  tags: ['text'],
  runtime: { type: 'jsonata', config: { expression: '$' } },
  inputSchema: { type: 'object' },
  outputSchema: {},
};

describe('validateComponentRequest', () => {
  it('passes a valid create request', () => {
    expect(validateComponentRequest(valid, 'create')).toEqual({});
  });

  it('names every missing required field', () => {
    expect(validateComponentRequest({}, 'create')).toEqual({
      name: 'name is required',
      type: 'type is required',
      owner: 'owner is required',
      lifecycle: 'lifecycle is required',
      runtime: 'runtime is required',
      inputSchema: 'inputSchema is required',
      outputSchema: 'outputSchema is required',
    });
  });

  it('does not require a name to update', () => {
    const { name: _name, ...update } = valid;
    expect(validateComponentRequest(update, 'update')).toEqual({});
  });

  it('checks patterns, enums, lengths and items', () => {
    expect(
      validateComponentRequest(
        {
          ...valid,
          name: 'Not A Name',
          type: 'robot',
          title: 'x'.repeat(201),
          tags: ['ok', 'Bad Tag'],
          runtime: { type: 'jsonata', config: 'nope' },
        },
        'create',
      ),
    ).toEqual({
      name: "name 'Not A Name' must use lowercase letters and digits, separated by single -, _ or .",
      type: 'type must be one of model, prompt, tool, agent, dataset, evaluator',
      title: 'title must have at most 200 characters',
      tags: "tags item 'Bad Tag' must use lowercase letters, digits and : + #, separated by single -",
      runtime: 'runtime.config must be a JSON object',
    });
  });

  it('checks item counts and empty required strings', () => {
    const errors = validateComponentRequest(
      {
        ...valid,
        owner: '',
        tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
      },
      'create',
    );
    expect(errors.owner).toBe('owner is required');
    expect(errors.tags).toBe('tags must have at most 20 items');
  });
});

describe('validateSecret', () => {
  it('passes names the API accepts', () => {
    for (const name of [
      'openai-api-key',
      'A1',
      'team_a.key-2',
      'x'.repeat(100),
    ]) {
      expect(validateSecret({ name, value: 'sk-1' })).toEqual({});
    }
  });

  it('names the field and the rule for names the API refuses', () => {
    expect(validateSecret({ name: '', value: 'sk-1' })).toEqual({
      name: 'Name is required',
    });
    for (const name of ['my key', '-key', '.env', 'key/1', 'x'.repeat(101)]) {
      expect(validateSecret({ name, value: 'sk-1' }).name).toBe(
        `Name '${name}' must use letters, digits and _ . - (at most 100 characters, starting with a letter or digit)`,
      );
    }
  });

  it('requires a value of at most 16384 characters without repeating it', () => {
    expect(validateSecret({ name: 'k', value: '' })).toEqual({
      value: 'Value is required',
    });
    expect(validateSecret({ name: 'k', value: 'x'.repeat(16385) })).toEqual({
      value: 'Value must have at most 16384 characters',
    });
  });
});

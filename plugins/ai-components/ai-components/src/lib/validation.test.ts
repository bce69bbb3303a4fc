import { validateComponentRequest } from './validation';

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

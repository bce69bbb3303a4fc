import { diffJson } from './specDiff';

describe('diffJson', () => {
  it('lists added, removed and changed paths with their values', () => {
    expect(
      diffJson(
        {
          runtime: {
            type: 'jsonata',
            config: { expression: 'a', timeoutMs: 5 },
          },
          inputSchema: { required: ['text'] },
          'odd key': 1,
        },
        {
          runtime: { type: 'jsonata', config: { expression: 'b', model: 'm' } },
          inputSchema: { required: ['text', 'lang'] },
          'odd key': 1,
        },
      ),
    ).toEqual([
      { path: 'inputSchema.required[1]', kind: 'added', after: 'lang' },
      {
        path: 'runtime.config.expression',
        kind: 'changed',
        before: 'a',
        after: 'b',
      },
      { path: 'runtime.config.model', kind: 'added', after: 'm' },
      { path: 'runtime.config.timeoutMs', kind: 'removed', before: 5 },
    ]);
  });

  it('treats a change of kind as a change of the whole value', () => {
    expect(diffJson({ a: { b: 1 } }, { a: [1] })).toEqual([
      { path: 'a', kind: 'changed', before: { b: 1 }, after: [1] },
    ]);
    expect(diffJson({ 'x y': 1 }, {})).toEqual([
      { path: '["x y"]', kind: 'removed', before: 1 },
    ]);
  });

  it('finds nothing between equal values', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});

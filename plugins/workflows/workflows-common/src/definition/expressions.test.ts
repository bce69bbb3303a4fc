import jsonata from 'jsonata';
import { ExpressionScope, resolveMapping } from './expressions';

/** What JSONata itself answers, as resolveMapping returns it (plain JSON, null for nothing). */
async function byJsonata(source: string, scope: ExpressionScope) {
  const result = await jsonata(source).evaluate(scope);
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

const scope: ExpressionScope = {
  input: {
    text: 'hello',
    count: 3,
    ratio: 0.5,
    flag: false,
    nothing: null,
    nested: { deep: { value: 'x', list: [1, 2] } },
    list: [1, 2, 3],
    single: ['only'],
    nestedLists: [[1, 2], [3]],
    objects: [{ name: 'a' }, { name: 'b' }],
    'with space': 'spaced',
    empty: {},
  },
  steps: {
    a: { output: { text: 'from a', items: [{ id: 1 }, { id: 2 }] } },
    'b-2': { output: { score: 0.9 } },
  },
  item: { id: 7, tags: ['t'] },
  index: 2,
};

describe('resolveMapping', () => {
  // Plain paths are read directly; every answer must be JSONata's own.
  const expressions = [
    'input',
    'input.text',
    'input.count',
    'input.ratio',
    'input.flag',
    'input.nothing',
    'input.nothing.below',
    'input.missing',
    'input.missing.below',
    'input.text.length',
    'input.count.below',
    'input.nested',
    'input.nested.deep.value',
    'input.nested.deep.list',
    'input.list',
    'input.single',
    'input.nestedLists',
    'input.objects.name',
    'input.`with space`',
    'input.empty',
    'input.empty.missing',
    'steps.a.output.text',
    'steps.a.output.items.id',
    'steps.`b-2`.output.score',
    'steps.missing.output',
    'item',
    'item.id',
    'item.tags',
    'index',
    'missing',
    // Not plain paths: JSONata evaluates them.
    'input.list[0]',
    'input.list[]',
    'input.single[]',
    '$uppercase(input.text)',
    'input.count + index',
    'input.objects[name = "b"].name',
    '$count(steps.a.output.items)',
    '{ "t": input.text, "n": input.count }',
  ];

  it.each(expressions)('answers %s as JSONata does', async source => {
    await expect(resolveMapping(`\${{ ${source} }}`, scope)).resolves.toEqual(
      await byJsonata(source, scope),
    );
  });

  it.each([
    'input.constructor',
    'input.toString',
    'input.nested.hasOwnProperty',
  ])('answers the inherited name in %s as JSONata does', async source => {
    await expect(resolveMapping(`\${{ ${source} }}`, scope)).resolves.toEqual(
      await byJsonata(source, scope),
    );
  });

  it('returns a copy, never the scope object itself', async () => {
    const resolved = (await resolveMapping('${{ input.nested }}', scope)) as {
      deep: { value: string };
    };
    expect(resolved).toEqual(scope.input && (scope.input as any).nested);
    resolved.deep.value = 'changed';
    expect((scope.input as any).nested.deep.value).toBe('x');
  });

  it('resolves objects, arrays and text templates member by member', async () => {
    const mapping = {
      text: '${{ input.text }}',
      both: 'a=${{ steps.a.output.text }}, n=${{ input.count }}',
      asJson: 'nested: ${{ input.nested.deep }}',
      none: 'x${{ input.missing }}y',
      list: ['${{ item.id }}', 'plain', 4, null, '${{ input.list[1] }}'],
      computed: '${{ $uppercase(input.text) }}',
      literal: true,
    };
    await expect(resolveMapping(mapping, scope)).resolves.toEqual({
      text: 'hello',
      both: 'a=from a, n=3',
      asJson: 'nested: {"value":"x","list":[1,2]}',
      none: 'xy',
      list: [7, 'plain', 4, null, 2],
      computed: 'HELLO',
      literal: true,
    });
  });

  it('gives the same answer when a plain path meets an array or JSONata is needed beside it', async () => {
    // The first member is plain, the second is not: the whole mapping is
    // evaluated again by JSONata, with the same answer for the first.
    await expect(
      resolveMapping(
        { a: '${{ input.text }}', b: '${{ input.objects.name }}' },
        scope,
      ),
    ).resolves.toEqual({ a: 'hello', b: ['a', 'b'] });
  });

  it('rejects an unclosed expression and a JSONata syntax error', async () => {
    await expect(resolveMapping('${{ input.text', scope)).rejects.toThrow(
      "'${{' is never closed by '}}'",
    );
    await expect(
      resolveMapping({ ok: '${{ input.text }}', bad: '${{ input. }}' }, scope),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^S0/) });
  });
});

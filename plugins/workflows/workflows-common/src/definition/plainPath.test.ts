import jsonata from 'jsonata';
import { plainPathOf, simplePathOf } from './plainPath';

describe('simplePathOf', () => {
  it.each([
    'input',
    'input.text',
    ' steps.a.output.text ',
    'steps.step_2.output._x',
    'item.id',
    'index',
    'A.B9',
  ])('reads %s as JSONata parses it', source => {
    const names = simplePathOf(source);
    expect(names).toBeDefined();
    expect(names).toEqual(plainPathOf(jsonata(source).ast()));
  });

  it.each([
    // Plain to JSONata too, but only its parser reads them.
    'input.`with space`',
    'steps.`b-2`.output',
    'input . text',
    // Not plain, or not paths at all.
    'input.and',
    'true',
    'null',
    'input.true.x',
    'input.in',
    'steps.2.output',
    'steps.b-2.output',
    'input.list[0]',
    '$uppercase(input.text)',
    '$x',
    'input.text & "!"',
    'input.',
    '',
  ])('leaves %j to the parser', source => {
    expect(simplePathOf(source)).toBeUndefined();
  });

  it('answers only where JSONata parses a path of the same names', () => {
    // Every source built from these parts: where simplePathOf answers, the
    // parser agrees; where JSONata reads a keyword as an operator or a
    // literal, simplePathOf does not answer.
    const parts = ['a', 'or', 'and', 'in', 'true', 'false', 'null', '_b1'];
    const parsedOf = (source: string) => {
      try {
        return plainPathOf(jsonata(source).ast());
      } catch {
        return undefined;
      }
    };
    const answered = parts
      .flatMap(first => [first, ...parts.map(next => `${first}.${next}`)])
      .map(source => ({ source, names: simplePathOf(source) }))
      .filter(row => row.names !== undefined);
    expect(answered.map(row => row.source)).toEqual([
      'a',
      'a.a',
      'a._b1',
      '_b1',
      '_b1.a',
      '_b1._b1',
    ]);
    expect(answered.map(row => row.names)).toEqual(
      answered.map(row => parsedOf(row.source)),
    );
  });
});

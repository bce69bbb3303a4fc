import { checkExpressions, describeExpressionError } from './expressionCheck';

describe('checkExpressions', () => {
  it('accepts text without expressions and valid JSONata', () => {
    expect(checkExpressions('plain')).toEqual([]);
    expect(
      checkExpressions('Hi ${{ input.name }}, ${{ $count(steps.a.output) }}'),
    ).toEqual([]);
  });

  it('reports a syntax error at its position in the text', () => {
    const [error] = checkExpressions('x ${{ input.a + }}');
    expect(error.position).toBeGreaterThanOrEqual(6);
    expect(describeExpressionError(error)).toMatch(
      /^JSONata error at position \d+: /,
    );
  });

  it('reports an unclosed expression', () => {
    expect(checkExpressions('${{ input.a')).toEqual([
      {
        message: "'${{' is never closed by '}}'",
        position: 0,
        path: undefined,
      },
    ]);
  });

  it('checks strings inside JSON and names their path', () => {
    const [error] = checkExpressions({ a: ['ok', '${{ ) }}'] });
    expect(error.path).toBe('a[1]');
    expect(describeExpressionError(error)).toMatch(
      /^JSONata error at a\[1\], position/,
    );
  });
});

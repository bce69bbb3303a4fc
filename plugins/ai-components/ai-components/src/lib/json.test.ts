import { parseJson } from './json';

describe('parseJson', () => {
  it('parses JSON and explains what does not parse', () => {
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson('[1]')).toEqual({ ok: true, value: [1] });
    const broken = parseJson('{"a": ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^Not valid JSON: /);
  });

  it('accepts only objects when asked to', () => {
    expect(parseJson('[1]', { objectOnly: true })).toEqual({
      ok: false,
      error: 'Must be a JSON object, e.g. {}',
    });
  });
});

import { documentFixture } from '../__testUtils__/fixtures';
import { documentToYaml, yamlToDocument } from './yamlSync';

describe('yaml sync', () => {
  it('round-trips a document', () => {
    const doc = documentFixture();
    const text = documentToYaml(doc);
    expect(text).toContain('- id: classify');
    const back = yamlToDocument(text);
    expect('document' in back && back.document).toEqual(doc);
  });

  it('names line and column of a syntax error', () => {
    const result = yamlToDocument('spec:\n  steps: [\n');
    expect(result).toEqual({
      problem: expect.objectContaining({
        line: expect.any(Number),
        column: expect.any(Number),
      }),
    });
    expect('problem' in result && result.problem.message).toMatch(
      /^YAML line \d+, column \d+/,
    );
  });

  it('refuses text the graph cannot show', () => {
    const problem = (text: string) => {
      const result = yamlToDocument(text);
      return 'problem' in result ? result.problem.message : undefined;
    };
    expect(problem('- a list')).toMatch(/must be a mapping/);
    expect(problem('metadata: {}\nspec: { steps: 3 }')).toMatch(
      /spec.steps must be a list/,
    );
    expect(problem('metadata: {}\nspec: { steps: [ { name: x } ] }')).toMatch(
      /spec.steps\[0\].id must be a string/,
    );
  });

  it('accepts documents the validator will complain about', () => {
    const result = yamlToDocument('metadata: {}\nspec: {}');
    expect(result).toEqual({ document: { metadata: {}, spec: { steps: [] } } });
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ComponentInfo, validateWorkflowDocument } from './validate';

const examples = (file: string) =>
  parseAllDocuments(
    readFileSync(resolve(__dirname, '../../../../../examples', file), 'utf8'),
  ).map(d => d.toJS());

describe('examples/workflows.yaml', () => {
  const docs = examples('workflows.yaml');
  // The example components, as the workflows API knows them from the
  // registry: every step's mapping is checked against their input schemas.
  const components = new Map<string, ComponentInfo>(
    examples('ai-components.yaml').map(c => [
      `aicomponent:${c.metadata.namespace ?? 'default'}/${c.metadata.name}`,
      {
        type: c.spec.type,
        inputSchema: c.spec.inputSchema,
        outputSchema: c.spec.outputSchema,
      },
    ]),
  );
  const workflows = new Map(
    docs.map(d => [
      `aiworkflow:${d.metadata.namespace ?? 'default'}/${d.metadata.name}`,
      { inputSchema: d.spec.input },
    ]),
  );

  it.each(docs.map(d => [d.metadata.name, d]))('%s validates', (_name, doc) => {
    expect(validateWorkflowDocument(doc).issues).toEqual([]);
    expect(
      validateWorkflowDocument(doc, {
        components,
        workflows,
        selfRef: `aiworkflow:default/${doc.metadata.name}`,
      }).issues,
    ).toEqual([]);
  });
});

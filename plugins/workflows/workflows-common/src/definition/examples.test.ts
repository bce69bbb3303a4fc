import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateWorkflowDocument } from './validate';

describe('examples/workflows.yaml', () => {
  const docs = parseAllDocuments(
    readFileSync(
      resolve(__dirname, '../../../../../examples/workflows.yaml'),
      'utf8',
    ),
  ).map(d => d.toJS());

  it.each(docs.map(d => [d.metadata.name, d]))('%s validates', (_name, doc) => {
    expect(validateWorkflowDocument(doc).issues).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createTestInvoker } from './__testUtils__/invoker';

describe('examples/ai-components.yaml', () => {
  const components = parseAllDocuments(
    readFileSync(
      resolve(__dirname, '../../../../examples/ai-components.yaml'),
      'utf8',
    ),
  ).map(d => d.toJS());
  // The check the console makes when a component is saved: the runtime is
  // installed, its config is valid, and so are the runtimes it names (an
  // agent's tools).
  const invoker = createTestInvoker({});

  it.each(components.map(c => [c.metadata.name, c]))(
    '%s has a runtime config the built-in runtimes accept',
    (_name, c) => {
      expect(() => invoker.validateRuntimeConfig(c.spec.runtime)).not.toThrow();
    },
  );
});

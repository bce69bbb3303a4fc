import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateAgainstSchema } from '@ai-ops/plugin-ai-components-node';
import { parseAllDocuments } from 'yaml';
import { createBuiltInRuntimes } from './builtIn';

const runtimes = new Map(createBuiltInRuntimes().map(r => [r.type, r]));

describe('examples/ai-components.yaml', () => {
  const components = parseAllDocuments(
    readFileSync(
      resolve(__dirname, '../../../../examples/ai-components.yaml'),
      'utf8',
    ),
  ).map(d => d.toJS());

  it.each(components.map(c => [c.metadata.name, c]))(
    '%s has a runtime config its built-in runtime accepts',
    (_name, c) => {
      const runtime = runtimes.get(c.spec.runtime.type);
      expect(runtime).toBeDefined();
      expect(
        validateAgainstSchema(
          runtime!.configSchema,
          c.spec.runtime.config ?? {},
        ),
      ).toEqual({ valid: true });
    },
  );
});

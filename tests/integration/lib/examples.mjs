// What the example catalog files (examples/*.yaml, registered by
// app-config.yaml) hold, as the integration tests expect to find it: read
// from the files themselves, so that a new example needs no test change.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const examples = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../examples',
);

/** The components of examples/ai-components.yaml. */
const components = parseAllDocuments(
  fs.readFileSync(path.join(examples, 'ai-components.yaml'), 'utf8'),
).map(d => d.toJS());

/** The type of every example component (one entry each), sorted. */
export const EXAMPLE_COMPONENT_TYPES_ALL = Object.freeze(
  components.map(c => c.spec.type).sort(),
);

/** The component types of the examples, each once, sorted. */
export const EXAMPLE_COMPONENT_TYPES = Object.freeze([
  ...new Set(EXAMPLE_COMPONENT_TYPES_ALL),
]);

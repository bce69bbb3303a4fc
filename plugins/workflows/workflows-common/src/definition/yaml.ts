import { parseDocument, stringify } from 'yaml';
import { WorkflowDocument } from './model';

/** @public */
export class WorkflowYamlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'WorkflowYamlError';
  }
}

/**
 * Parses YAML text into a plain value. Syntax errors name the line and
 * column. The result is not validated; pass it to `validateWorkflowDocument`.
 *
 * @public
 */
export function parseWorkflowYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const [error] = doc.errors;
    const pos = error.linePos?.[0];
    throw new WorkflowYamlError(
      `YAML ${pos ? `line ${pos.line}, column ${pos.col}: ` : ''}${
        error.message.split('\n')[0]
      }`,
      pos?.line,
      pos?.col,
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];
const METADATA_ORDER = [
  'name',
  'namespace',
  'title',
  'description',
  'tags',
  'labels',
  'annotations',
];
const SPEC_ORDER = [
  'owner',
  'lifecycle',
  'system',
  'budget',
  'concurrency',
  'input',
  'steps',
  'output',
];
const STEP_ORDER = [
  'id',
  'name',
  'description',
  'component',
  'workflow',
  'approval',
  'needs',
  'if',
  'forEach',
  'with',
  'retry',
  'timeout',
  'onError',
  'position',
];

const ordered = (value: Record<string, unknown>, order: string[]) => {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value).sort()) {
    if (!(key in out) && value[key] !== undefined) out[key] = value[key];
  }
  return out;
};

/**
 * The canonical form of a document: keys in a fixed order (the order a reader
 * expects), undefined members dropped. Equal documents have equal canonical
 * forms, which is what the content hash and the YAML export are built on.
 *
 * @public
 */
export function canonicalWorkflowDocument(
  document: WorkflowDocument,
): WorkflowDocument {
  const clean = JSON.parse(JSON.stringify(document));
  return ordered(
    {
      ...clean,
      metadata: ordered(clean.metadata, METADATA_ORDER),
      spec: ordered(
        {
          ...clean.spec,
          steps: clean.spec.steps.map((s: Record<string, unknown>) =>
            ordered(s, STEP_ORDER),
          ),
        },
        SPEC_ORDER,
      ),
    },
    TOP_ORDER,
  ) as WorkflowDocument;
}

/**
 * Writes a document as YAML in its canonical form, so that
 * `stringifyWorkflowYaml(parse(stringifyWorkflowYaml(d)))` is the same text.
 *
 * @public
 */
export function stringifyWorkflowYaml(document: WorkflowDocument): string {
  return stringify(canonicalWorkflowDocument(document), {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

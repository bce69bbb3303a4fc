import { InputError } from '@backstage/errors';

/** A workflow address. */
export interface WorkflowKey {
  namespace: string;
  name: string;
}

const NAME = '[a-z0-9]+(?:[-_.][a-z0-9]+)*';
const WORKFLOW_REF = new RegExp(
  `^(?:aiworkflow:)?(?:(${NAME})/)?(${NAME})$`,
  'i',
);

/**
 * The key of a workflow ref as a request gives it: `aiworkflow:default/x`,
 * `default/x` or `x` (namespace `default`); a 400 naming `field` otherwise.
 */
export function parseWorkflowRef(ref: string, field: string): WorkflowKey {
  const match = WORKFLOW_REF.exec(ref.trim());
  if (!match) {
    throw new InputError(
      `${field}: '${ref}' is not a workflow ref; use aiworkflow:<namespace>/<name> or <namespace>/<name>`,
    );
  }
  return {
    namespace: (match[1] ?? 'default').toLocaleLowerCase('en-US'),
    name: match[2].toLocaleLowerCase('en-US'),
  };
}

/** `aiworkflow:<namespace>/<name>`, as runs store it. */
export const workflowRefOf = (key: WorkflowKey) =>
  `aiworkflow:${key.namespace}/${key.name}`;

/** Entity refs compare case-insensitively. */
export const sameRef = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

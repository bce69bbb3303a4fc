import type { WorkflowIssue } from '@ai-ops/plugin-workflows-common';

/**
 * Codes only the server can report: it knows the component registry and
 * the other workflows; the validator in the browser does not.
 */
export const SERVER_ONLY_CODES: ReadonlySet<string> = new Set([
  'unknown-component',
  'deleted-component',
  'missing-input',
  'unknown-input',
  'type-mismatch',
  'unknown-workflow',
  'self-call',
]);

const issueKey = (i: WorkflowIssue) => `${i.severity}|${i.path}|${i.message}`;

/**
 * The issues to show: the browser's (always current) and the server's. A
 * server answer for the current document adds everything it found; an
 * answer for an older document only adds what the browser cannot check, so
 * fixed problems disappear at once and registry checks stay until the next
 * answer.
 */
export function mergeIssues(
  local: readonly WorkflowIssue[],
  remote: readonly WorkflowIssue[] | undefined,
  remoteIsCurrent: boolean,
): WorkflowIssue[] {
  const merged = new Map<string, WorkflowIssue>();
  for (const issue of local) merged.set(issueKey(issue), issue);
  for (const issue of remote ?? []) {
    if (!remoteIsCurrent && !SERVER_ONLY_CODES.has(issue.code)) continue;
    if (!merged.has(issueKey(issue))) merged.set(issueKey(issue), issue);
  }
  return [...merged.values()];
}

/** Issues grouped by the step they belong to. */
export function issuesByStep(
  issues: readonly WorkflowIssue[],
): Map<string, WorkflowIssue[]> {
  const byStep = new Map<string, WorkflowIssue[]>();
  for (const issue of issues) {
    if (!issue.stepId) continue;
    byStep.set(issue.stepId, [...(byStep.get(issue.stepId) ?? []), issue]);
  }
  return byStep;
}

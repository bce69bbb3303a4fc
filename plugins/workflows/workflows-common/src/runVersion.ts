/** The label a run uses when neither a version nor a label is given. @public */
export const DEFAULT_RUN_LABEL = 'production';

/**
 * The version of a workflow a run executes: the given version; else the
 * given label's; else the {@link DEFAULT_RUN_LABEL}'s; else the newest.
 * `label` is the label the version was chosen by, when it was. Undefined
 * when the given label names no version.
 *
 * @public
 */
export function versionForRun(
  workflow: { labels: Record<string, number>; latestVersion: number },
  selection: { version?: number; label?: string } = {},
): { version: number; label?: string } | undefined {
  if (selection.version !== undefined) return { version: selection.version };
  if (selection.label !== undefined) {
    const version = workflow.labels[selection.label];
    return version === undefined
      ? undefined
      : { version, label: selection.label };
  }
  const production = workflow.labels[DEFAULT_RUN_LABEL];
  return production === undefined
    ? { version: workflow.latestVersion }
    : { version: production, label: DEFAULT_RUN_LABEL };
}

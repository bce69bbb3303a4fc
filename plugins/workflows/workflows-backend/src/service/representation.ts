import {
  WorkflowDiff,
  WorkflowFieldChange,
  WorkflowIssue,
} from '@ai-ops/plugin-workflows-common';
import {
  Workflow,
  WorkflowKey,
  WorkflowSummary,
  WorkflowTrigger,
  WorkflowVersion,
} from '../database/types';

/** The entity ref of a workflow, e.g. `aiworkflow:default/support-triage`. */
export const workflowRef = (key: WorkflowKey) =>
  `aiworkflow:${key.namespace}/${key.name}`;

/** A workflow summary as the API returns it (the store's id stays inside). */
export function summaryToApi(w: WorkflowSummary) {
  return {
    ref: workflowRef(w),
    namespace: w.namespace,
    name: w.name,
    title: w.title,
    description: w.description,
    owner: w.owner,
    lifecycle: w.lifecycle,
    system: w.system,
    tags: w.tags,
    source: w.source,
    sourceLocation: w.sourceLocation,
    latestVersion: w.latestVersion,
    labels: w.labels,
    stepCount: w.stepCount,
    componentRefs: w.componentRefs,
    createdAt: w.createdAt,
    createdBy: w.createdBy,
    updatedAt: w.updatedAt,
    updatedBy: w.updatedBy,
  };
}

/** A workflow with its newest document as the API returns it. */
export function workflowToApi(w: Workflow) {
  return { ...summaryToApi(w), document: w.document };
}

/** The labels that point at each version number. */
export function labelsByVersion(
  labels: Record<string, number>,
): Map<number, string[]> {
  const byVersion = new Map<number, string[]>();
  for (const [label, version] of Object.entries(labels).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    byVersion.set(version, [...(byVersion.get(version) ?? []), label]);
  }
  return byVersion;
}

/** A version without its document, with the labels that point at it. */
export function versionSummaryToApi(v: WorkflowVersion, labels: string[]) {
  return {
    version: v.version,
    contentHash: v.contentHash,
    message: v.message,
    restoredFrom: v.restoredFrom,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    labels,
  };
}

/** A version with its document. */
export function versionToApi(v: WorkflowVersion, labels: string[]) {
  return { ...versionSummaryToApi(v, labels), document: v.document };
}

/** A trigger as the API returns it. */
export function triggerToApi(t: WorkflowTrigger) {
  return {
    id: t.id,
    type: t.type,
    cron: t.cron,
    timezone: t.timezone,
    label: t.label,
    version: t.version,
    input: t.input,
    enabled: t.enabled,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    updatedAt: t.updatedAt,
  };
}

/** A validation issue as the API returns it. */
export function issueToApi(i: WorkflowIssue) {
  return {
    severity: i.severity,
    code: i.code,
    path: i.path,
    stepId: i.stepId,
    field: i.field,
    position: i.position,
    message: i.message,
  };
}

const changeToApi = (c: WorkflowFieldChange) => ({
  path: c.path,
  kind: c.kind,
  before: c.before,
  after: c.after,
});

/** A structured diff as the API returns it. */
export function diffToApi(d: WorkflowDiff) {
  return {
    identical: d.identical,
    metadata: d.metadata.map(changeToApi),
    spec: d.spec.map(changeToApi),
    steps: {
      added: d.steps.added,
      removed: d.steps.removed,
      reordered: d.steps.reordered,
      changed: d.steps.changed.map(s => ({
        id: s.id,
        changes: s.changes.map(changeToApi),
      })),
    },
  };
}

import { WorkflowDocument } from './model';

/** One changed value. @public */
export interface WorkflowFieldChange {
  /** Dotted path, e.g. `spec.budget.maxCostUsd` or `with.messages`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** @public */
export interface WorkflowStepChange {
  id: string;
  changes: WorkflowFieldChange[];
}

/**
 * What changed between two versions: metadata and spec fields, and steps
 * matched by id (added, removed, changed field by field).
 *
 * @public
 */
export interface WorkflowDiff {
  identical: boolean;
  metadata: WorkflowFieldChange[];
  spec: WorkflowFieldChange[];
  steps: {
    added: string[];
    removed: string[];
    changed: WorkflowStepChange[];
    /** True when the steps that both versions have appear in another order. */
    reordered: boolean;
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** JSON with object keys sorted at every level: equal values, equal text. @public */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter(k => value[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function diffValues(
  before: unknown,
  after: unknown,
  path: string,
  out: WorkflowFieldChange[],
) {
  if (stableStringify(before) === stableStringify(after)) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
  } else if (after === undefined) {
    out.push({ path, kind: 'removed', before });
  } else if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
  } else {
    out.push({ path, kind: 'changed', before, after });
  }
}

/** @public */
export function diffWorkflowDocuments(
  before: WorkflowDocument,
  after: WorkflowDocument,
): WorkflowDiff {
  const metadata: WorkflowFieldChange[] = [];
  diffValues(before.metadata, after.metadata, 'metadata', metadata);
  const spec: WorkflowFieldChange[] = [];
  const { steps: beforeSteps, ...beforeSpec } = before.spec;
  const { steps: afterSteps, ...afterSpec } = after.spec;
  diffValues(beforeSpec, afterSpec, 'spec', spec);

  const beforeById = new Map(beforeSteps.map(s => [s.id, s]));
  const afterById = new Map(afterSteps.map(s => [s.id, s]));
  const added = afterSteps.filter(s => !beforeById.has(s.id)).map(s => s.id);
  const removed = beforeSteps.filter(s => !afterById.has(s.id)).map(s => s.id);
  const changed: WorkflowStepChange[] = [];
  for (const step of afterSteps) {
    const old = beforeById.get(step.id);
    if (!old) continue;
    const changes: WorkflowFieldChange[] = [];
    diffValues(old, step, '', changes);
    if (changes.length) changed.push({ id: step.id, changes });
  }
  const common = (list: typeof beforeSteps, other: Map<string, unknown>) =>
    list
      .filter(s => other.has(s.id))
      .map(s => s.id)
      .join('\n');
  const reordered =
    common(beforeSteps, afterById) !== common(afterSteps, beforeById);

  return {
    identical:
      !metadata.length &&
      !spec.length &&
      !added.length &&
      !removed.length &&
      !changed.length &&
      !reordered,
    metadata,
    spec,
    steps: { added, removed, changed, reordered },
  };
}

import {
  AI_WORKFLOW_API_VERSION,
  AI_WORKFLOW_KIND,
  type WorkflowDocument,
  type WorkflowStep,
} from '@ai-ops/plugin-workflows-common';
import { isRecord, setIn } from './objects';

type Metadata = WorkflowDocument['metadata'];
type SpecFields = Omit<WorkflowDocument['spec'], 'steps'>;

/** A position in the graph editor. */
export interface XYPosition {
  x: number;
  y: number;
}

/**
 * Every change the editor makes to the workflow document. Graph, panels and
 * YAML view all edit the one document through these.
 */
export type WorkflowAction =
  | { type: 'replace'; document: WorkflowDocument }
  /** Sets metadata fields; an unset value ('' or undefined) removes the field. */
  | { type: 'setMetadata'; patch: Partial<Record<keyof Metadata, unknown>> }
  /** Sets spec fields other than steps, the same way. */
  | { type: 'setSpec'; patch: Partial<Record<keyof SpecFields, unknown>> }
  | { type: 'addStep'; step: WorkflowStep }
  /** Replaces one step (found by id) with a new value of the same id. */
  | { type: 'updateStep'; id: string; step: WorkflowStep }
  /** Changes a step id and every reference to it. */
  | { type: 'renameStep'; from: string; to: string }
  /** Removes steps and every `needs` and `goto` that names them. */
  | { type: 'removeSteps'; ids: string[] }
  /** `target` needs `source`: source runs first. */
  | { type: 'connect'; source: string; target: string }
  | { type: 'disconnect'; source: string; target: string }
  | { type: 'moveSteps'; positions: Record<string, XYPosition> };

/** A new, empty workflow owned by `owner`. */
export function blankWorkflow(owner: string): WorkflowDocument {
  return {
    apiVersion: AI_WORKFLOW_API_VERSION,
    kind: AI_WORKFLOW_KIND,
    metadata: { name: '', namespace: 'default' },
    spec: { owner, lifecycle: 'experimental', steps: [] },
  } as WorkflowDocument;
}

const gotoTarget = (value: unknown) =>
  isRecord(value) && typeof value.goto === 'string' ? value.goto : undefined;

/** Applies `rewrite` to every goto target of a step. */
function mapGotos(
  step: WorkflowStep,
  rewrite: (target: string) => string | undefined,
): WorkflowStep {
  let next: Record<string, unknown> = step;
  const paths = [
    ['onError'],
    ['approval', 'onTimeout'],
    ['approval', 'onReject'],
  ];
  for (const path of paths) {
    const holder = path.length === 1 ? step : (step as any)[path[0]];
    const target = gotoTarget(holder?.[path[path.length - 1]]);
    if (target === undefined) continue;
    const to = rewrite(target);
    if (to !== target) {
      next = setIn(next, path, to === undefined ? undefined : { goto: to });
    }
  }
  return next as WorkflowStep;
}

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Rewrites `steps.<from>` to `steps.<to>` in every string of a value. */
function renameInExpressions(
  value: unknown,
  from: string,
  to: string,
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${{')) return value;
    const pattern = new RegExp(
      `\\bsteps\\.${escapeRegExp(from)}(?![\\w-])`,
      'g',
    );
    return value.replace(pattern, `steps.${to}`);
  }
  if (Array.isArray(value))
    return value.map(v => renameInExpressions(v, from, to));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        renameInExpressions(v, from, to),
      ]),
    );
  }
  return value;
}

const withSteps = (
  doc: WorkflowDocument,
  steps: WorkflowStep[],
): WorkflowDocument => ({
  ...doc,
  spec: { ...doc.spec, steps },
});

const replaceStep = (doc: WorkflowDocument, step: WorkflowStep) =>
  withSteps(
    doc,
    doc.spec.steps.map(s => (s.id === step.id ? step : s)),
  );

const setNeeds = (step: WorkflowStep, needs: string[]): WorkflowStep =>
  setIn(step, ['needs'], needs);

/** The reducer of the editor's workflow document. */
export function workflowReducer(
  doc: WorkflowDocument,
  action: WorkflowAction,
): WorkflowDocument {
  const steps = doc.spec.steps;
  switch (action.type) {
    case 'replace':
      return action.document;
    case 'setMetadata': {
      let metadata = doc.metadata as Record<string, unknown>;
      for (const [key, value] of Object.entries(action.patch)) {
        metadata = setIn(metadata, [key], value);
      }
      return { ...doc, metadata: metadata as Metadata };
    }
    case 'setSpec': {
      let spec = doc.spec as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(action.patch)) {
        spec = setIn(spec, [key], value);
      }
      return { ...doc, spec: spec as unknown as WorkflowDocument['spec'] };
    }
    case 'addStep':
      return withSteps(doc, [...steps, action.step]);
    case 'updateStep':
      return withSteps(
        doc,
        steps.map(s => (s.id === action.id ? action.step : s)),
      );
    case 'renameStep': {
      const { from, to } = action;
      if (from === to || steps.some(s => s.id === to)) return doc;
      const renamed = steps.map(step => {
        let next = step.id === from ? { ...step, id: to } : step;
        if (next.needs?.includes(from)) {
          next = setNeeds(
            next,
            next.needs.map(n => (n === from ? to : n)),
          );
        }
        next = mapGotos(next, t => (t === from ? to : t));
        return renameInExpressions(next, from, to) as WorkflowStep;
      });
      const output = doc.spec.output
        ? (renameInExpressions(doc.spec.output, from, to) as Record<
            string,
            unknown
          >)
        : undefined;
      const next = withSteps(doc, renamed);
      return output ? { ...next, spec: { ...next.spec, output } } : next;
    }
    case 'removeSteps': {
      const removed = new Set(action.ids);
      if (!steps.some(s => removed.has(s.id))) return doc;
      return withSteps(
        doc,
        steps
          .filter(s => !removed.has(s.id))
          .map(step => {
            let next = step;
            if (next.needs?.some(n => removed.has(n))) {
              next = setNeeds(
                next,
                next.needs.filter(n => !removed.has(n)),
              );
            }
            return mapGotos(next, t => (removed.has(t) ? undefined : t));
          }),
      );
    }
    case 'connect': {
      const { source, target } = action;
      if (source === target || !steps.some(s => s.id === source)) return doc;
      const step = steps.find(s => s.id === target);
      if (!step || step.needs?.includes(source)) return doc;
      return replaceStep(doc, setNeeds(step, [...(step.needs ?? []), source]));
    }
    case 'disconnect': {
      const step = steps.find(s => s.id === action.target);
      if (!step?.needs?.includes(action.source)) return doc;
      return replaceStep(
        doc,
        setNeeds(
          step,
          step.needs.filter(n => n !== action.source),
        ),
      );
    }
    case 'moveSteps':
      return withSteps(
        doc,
        steps.map(step => {
          const p = action.positions[step.id];
          return p
            ? { ...step, position: { x: Math.round(p.x), y: Math.round(p.y) } }
            : step;
        }),
      );
    default:
      return doc;
  }
}

/**
 * True when `target` needing `source` would close a cycle, i.e. `source`
 * already runs after `target`.
 */
export function wouldCreateCycle(
  doc: WorkflowDocument,
  source: string,
  target: string,
): boolean {
  if (source === target) return true;
  const needsOf = new Map(doc.spec.steps.map(s => [s.id, s.needs ?? []]));
  // Walk from source up through what it needs: finding target means
  // source already (transitively) needs target.
  const seen = new Set<string>();
  const stack = [source];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(needsOf.get(id) ?? []));
  }
  return false;
}

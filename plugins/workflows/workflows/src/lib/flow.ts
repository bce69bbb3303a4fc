import {
  type WorkflowDocument,
  type WorkflowIssue,
  type WorkflowStep,
  type WorkflowStepKind,
} from '@ai-ops/plugin-workflows-common';
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import type { XYPosition } from './model';
import { isRecord } from './objects';

/** What a step node shows. */
export type StepNodeData = {
  stepId: string;
  name?: string;
  kind: WorkflowStepKind;
  /** The referenced component or workflow, without kind and namespace. */
  target?: string;
  issues: string[];
};

/**
 * The kind of a step: which of approval, workflow or component it has
 * (even when the value is still empty, as right after adding it).
 */
export function kindOfStep(step: WorkflowStep): WorkflowStepKind {
  if (step.approval !== undefined) return 'approval';
  if (step.workflow !== undefined) return 'workflow';
  return 'component';
}

/** How each kind is named in the editor. */
export const KIND_LABELS: Record<WorkflowStepKind, string> = {
  component: 'component',
  workflow: 'sub-workflow',
  approval: 'approval',
};

/** A step node of the graph. */
export type StepNode = Node<StepNodeData, 'step'>;

/** `aicomponent:default/gpt-4o-mini-chat` → `gpt-4o-mini-chat`. */
export const shortRef = (ref: string | undefined) =>
  ref ? ref.replace(/^[^:/]+:/, '').replace(/^default\//, '') : undefined;

/** The nodes of a document: one per step id (later duplicates are left out). */
export function buildNodes(options: {
  steps: readonly WorkflowStep[];
  positions: Map<string, XYPosition>;
  issues: Map<string, WorkflowIssue[]>;
  selectedId?: string;
  readOnly: boolean;
}): StepNode[] {
  const { steps, positions, issues, selectedId, readOnly } = options;
  const seen = new Set<string>();
  const nodes: StepNode[] = [];
  for (const step of steps) {
    if (seen.has(step.id)) continue;
    seen.add(step.id);
    const kind = kindOfStep(step);
    nodes.push({
      id: step.id,
      type: 'step',
      position: positions.get(step.id) ?? { x: 0, y: 0 },
      initialWidth: NODE_WIDTH,
      initialHeight: NODE_HEIGHT,
      selected: step.id === selectedId,
      draggable: !readOnly,
      connectable: !readOnly,
      deletable: !readOnly,
      ariaLabel: `Step ${step.id}`,
      data: {
        stepId: step.id,
        name: step.name,
        kind,
        target: shortRef(kind === 'workflow' ? step.workflow : step.component),
        issues: (issues.get(step.id) ?? []).map(i => i.message),
      },
    });
  }
  return nodes;
}

/** Edge id of "target needs source". */
export const needsEdgeId = (source: string, target: string) =>
  `needs:${source}->${target}`;

const GOTO_LABELS: Record<string, string> = {
  onError: 'on error',
  onTimeout: 'on timeout',
  onReject: 'on reject',
};

/**
 * The edges of a document: solid `needs` edges from the needed step to the
 * step, and dashed, read-only jumps (onError, approval onTimeout and
 * onReject) to their targets.
 */
export function buildEdges(doc: WorkflowDocument, readOnly: boolean): Edge[] {
  const ids = new Set(doc.spec.steps.map(s => s.id));
  const edges = new Map<string, Edge>();
  for (const step of doc.spec.steps) {
    for (const need of step.needs ?? []) {
      if (!ids.has(need) || need === step.id) continue;
      const id = needsEdgeId(need, step.id);
      edges.set(id, {
        id,
        source: need,
        target: step.id,
        deletable: !readOnly,
        markerEnd: { type: MarkerType.ArrowClosed },
        ariaLabel: `${step.id} needs ${need}`,
      });
    }
    const jumps: Array<[string, unknown]> = [
      ['onError', step.onError],
      ['onTimeout', step.approval?.onTimeout],
      ['onReject', step.approval?.onReject],
    ];
    for (const [field, value] of jumps) {
      if (!isRecord(value) || typeof value.goto !== 'string') continue;
      if (!ids.has(value.goto) || value.goto === step.id) continue;
      const id = `goto:${field}:${step.id}->${value.goto}`;
      edges.set(id, {
        id,
        source: step.id,
        target: value.goto,
        label: GOTO_LABELS[field],
        deletable: false,
        selectable: false,
        style: { strokeDasharray: '6 4' },
        markerEnd: { type: MarkerType.Arrow },
        ariaLabel: `${step.id} goes to ${value.goto} ${GOTO_LABELS[field]}`,
      });
    }
  }
  return [...edges.values()];
}

import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import type { XYPosition } from './model';
import { isRecord } from './objects';
import { uniqueStepId } from './stepIds';

/**
 * What a palette entry adds. A component step with `after` runs after that
 * step (it `needs` it): a suggested next step of the selected one.
 */
export type StepTemplate =
  | { kind: 'component'; ref: string; name: string; after?: string }
  | { kind: 'approval' }
  | { kind: 'workflow' };

/** The drag-and-drop type of palette entries. */
export const STEP_TEMPLATE_MIME = 'application/x-ai-ops-workflow-step';

/** A new step from a template, with an id no step uses yet. */
export function createStep(
  template: StepTemplate,
  takenIds: Iterable<string>,
  position?: XYPosition,
): WorkflowStep {
  const at = position
    ? { position: { x: Math.round(position.x), y: Math.round(position.y) } }
    : {};
  switch (template.kind) {
    case 'approval':
      return {
        id: uniqueStepId('approval', takenIds),
        approval: { timeout: '1d' },
        ...at,
      };
    case 'workflow':
      return { id: uniqueStepId('subworkflow', takenIds), workflow: '', ...at };
    default: {
      const taken = [...takenIds];
      const after =
        template.after && taken.includes(template.after)
          ? { needs: [template.after] }
          : {};
      return {
        id: uniqueStepId(template.name, taken),
        component: template.ref,
        ...after,
        ...at,
      };
    }
  }
}

/** Reads a dragged template back; undefined for anything else. */
export function parseStepTemplate(data: string): StepTemplate | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (value.kind === 'approval' || value.kind === 'workflow') {
    return { kind: value.kind };
  }
  if (
    value.kind === 'component' &&
    typeof value.ref === 'string' &&
    typeof value.name === 'string'
  ) {
    return {
      kind: 'component',
      ref: value.ref,
      name: value.name,
      ...(typeof value.after === 'string' ? { after: value.after } : {}),
    };
  }
  return undefined;
}

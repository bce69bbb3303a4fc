import type { NextStepsRequest } from '@ai-ops/plugin-recommendations-common';

/** A step as the workflow editor holds it; only what suggestions read. */
export interface WorkflowStepLike {
  id: string;
  component?: string;
  needs?: readonly string[];
}

/** Limits of the request body (see the API's `NextStepsRequest`). */
const MAX_STEPS = 500;
const MAX_NEEDS = 100;
const MAX_ID = 100;
const MAX_REF = 300;

const fits = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/**
 * The body of a next-steps request for an unfinished workflow: the ids,
 * components and needs of its steps (all the API reads), leaving out what
 * the API would refuse while the user is still typing, such as an empty id.
 */
export function nextStepsRequest(
  steps: readonly WorkflowStepLike[],
  stepId: string,
  limit?: number,
): NextStepsRequest {
  const kept = steps.filter(s => fits(s.id, MAX_ID)).slice(0, MAX_STEPS);
  return {
    document: {
      spec: {
        steps: kept.map(step => ({
          id: step.id,
          ...(fits(step.component, MAX_REF)
            ? { component: step.component }
            : {}),
          ...(Array.isArray(step.needs) && step.needs.length
            ? {
                needs: step.needs
                  .filter(n => fits(n, MAX_ID))
                  .slice(0, MAX_NEEDS),
              }
            : {}),
        })),
      },
    },
    stepId,
    ...(limit ? { limit } : {}),
  };
}

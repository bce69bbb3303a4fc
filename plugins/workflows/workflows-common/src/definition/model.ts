import { z } from 'zod';

/** @public */
export const AI_WORKFLOW_API_VERSION = 'ai-ops.dev/v1alpha1';

/** @public */
export const AI_WORKFLOW_KIND = 'AIWorkflow';

/** Durations as Temporal and the console accept them: `500ms`, `30s`, `5m`, `2h`, `1d`. */
export const DURATION_PATTERN = /^[0-9]+(\.[0-9]+)?(ms|s|m|h|d)$/;

/** Step ids: a letter, then letters, digits, `_` or `-`; they are JSONata names too. */
export const STEP_ID_PATTERN = /^[a-zA-Z][a-zA-Z0-9_-]{0,62}$/;

/**
 * Label names (`production`, `canary`): lower-case letters, digits and `-`,
 * starting with a letter or digit, at most 63 characters.
 *
 * @public
 */
export const LABEL_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Workflow names follow the catalog's entity name rules. */
export const WORKFLOW_NAME_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

const duration = z
  .string()
  .regex(
    DURATION_PATTERN,
    'must be a duration such as 500ms, 30s, 5m, 2h or 1d',
  );

const stepId = z
  .string()
  .regex(
    STEP_ID_PATTERN,
    'must start with a letter and hold only letters, digits, _ or - (at most 63 characters)',
  );

const entityRef = z.string().min(1, 'must be an entity ref');

/** A mapping from names to values or expressions. */
const mapping = z.record(z.string(), z.unknown());

const gotoTarget = z.object({ goto: stepId }).strict();

/** @public */
export const workflowRetrySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(100).optional(),
    initialInterval: duration.optional(),
    backoffCoefficient: z.number().min(1).max(100).optional(),
    maxInterval: duration.optional(),
    nonRetryableErrorTypes: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** @public */
export const workflowOnErrorSchema = z.union([
  z.enum(['fail', 'continue']),
  gotoTarget,
]);

/** @public */
export const workflowForEachSchema = z
  .object({
    /** A `${{ }}` expression that yields an array; each element is `item`. */
    items: z.string().min(1),
    /** How many iterations run at once. */
    concurrency: z.number().int().min(1).max(100).optional(),
  })
  .strict();

/** @public */
export const workflowApprovalSchema = z
  .object({
    /** Shown to the approvers; may hold `${{ }}` expressions. */
    message: z.string().optional(),
    approvers: z
      .object({
        /** Members of the group that owns the workflow may decide (the default). */
        owners: z.boolean().optional(),
        /** Members of these catalog groups may decide. */
        groups: z.array(entityRef).optional(),
        /** Holders of these RBAC roles (`role:default/operator`) may decide. */
        roles: z.array(entityRef).optional(),
      })
      .strict()
      .optional(),
    /** How long to wait for a decision. */
    timeout: duration,
    /** What happens when nobody decides in time. */
    onTimeout: z.union([z.enum(['reject', 'approve']), gotoTarget]).optional(),
    /** What happens on a rejection: the run fails, or goes to a step. */
    onReject: z.union([z.literal('fail'), gotoTarget]).optional(),
  })
  .strict();

/** @public */
export const workflowStepSchema = z
  .object({
    id: stepId,
    /** A display name for the graph and the run view. */
    name: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    /** Entity ref of an AIComponent, e.g. `aicomponent:default/gpt-4o-chat`. */
    component: entityRef.optional(),
    /** Entity ref of an AIWorkflow run as a child; `@label` or `@v3` pins a version. */
    workflow: entityRef.optional(),
    /** Makes this an approval step: the run waits for a decision. */
    approval: workflowApprovalSchema.optional(),
    /** Input mapping; string values may hold `${{ jsonata }}` expressions. */
    with: mapping.optional(),
    needs: z.array(stepId).optional(),
    /** A `${{ jsonata }}` expression; the step is skipped when it is false. */
    if: z.string().min(1).optional(),
    forEach: workflowForEachSchema.optional(),
    retry: workflowRetrySchema.optional(),
    /** Time limit of one attempt. */
    timeout: duration.optional(),
    onError: workflowOnErrorSchema.optional(),
    /** Where the node sits in the graph editor. */
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    const kinds = (['component', 'workflow', 'approval'] as const).filter(
      key => step[key] !== undefined,
    );
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: kinds.length ? [kinds[1]] : [],
        message:
          kinds.length === 0
            ? 'a step needs exactly one of component, workflow or approval'
            : `a step has exactly one of component, workflow or approval, not ${kinds.join(
                ' and ',
              )}`,
      });
    }
  });

/** @public */
export const workflowSpecSchema = z
  .object({
    owner: entityRef,
    lifecycle: z.string().min(1),
    system: entityRef.optional(),
    /** JSON Schema of the run's input. */
    input: z.record(z.string(), z.unknown()).optional(),
    steps: z
      .array(workflowStepSchema)
      .min(1, 'a workflow needs at least one step'),
    /** Output mapping; string values may hold `${{ jsonata }}` expressions. */
    output: mapping.optional(),
    budget: z
      .object({
        /** Cumulative model cost of one run; the run pauses for approval before passing it. */
        maxCostUsd: z.number().positive(),
      })
      .strict()
      .optional(),
    concurrency: z
      .object({
        /** Runs of this workflow at once; more are queued. */
        limit: z.number().int().min(1).max(1000),
      })
      .strict()
      .optional(),
  })
  .strict();

/** @public */
export const workflowMetadataSchema = z
  .object({
    name: z
      .string()
      .max(63)
      .regex(
        WORKFLOW_NAME_PATTERN,
        'must be lower-case letters and digits separated by -, _ or . (at most 63 characters)',
      ),
    namespace: z
      .string()
      .regex(WORKFLOW_NAME_PATTERN, 'must be a catalog namespace')
      .optional(),
    title: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    tags: z.array(z.string().regex(/^[a-z0-9:+#-]+$/)).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();

/**
 * A workflow document: what `catalog-info.yaml`, the YAML view, import and
 * export hold, and what every stored version snapshots.
 *
 * @public
 */
export const workflowDocumentSchema = z.object({
  apiVersion: z.literal(AI_WORKFLOW_API_VERSION),
  kind: z.literal(AI_WORKFLOW_KIND),
  metadata: workflowMetadataSchema,
  spec: workflowSpecSchema,
});

/** @public */
export type WorkflowRetry = z.infer<typeof workflowRetrySchema>;
/** @public */
export type WorkflowOnError = z.infer<typeof workflowOnErrorSchema>;
/** @public */
export type WorkflowForEach = z.infer<typeof workflowForEachSchema>;
/** @public */
export type WorkflowApproval = z.infer<typeof workflowApprovalSchema>;
/** @public */
export type WorkflowStep = z.infer<typeof workflowStepSchema> & {
  with?: Record<string, unknown>;
};
/** @public */
export type WorkflowSpec = Omit<z.infer<typeof workflowSpecSchema>, 'steps'> & {
  steps: WorkflowStep[];
};
/** @public */
export type WorkflowDocument = Omit<
  z.infer<typeof workflowDocumentSchema>,
  'spec'
> & { spec: WorkflowSpec };

/** The kind of work a step does. @public */
export type WorkflowStepKind = 'component' | 'workflow' | 'approval';

/** @public */
export function stepKind(step: WorkflowStep): WorkflowStepKind {
  if (step.approval) return 'approval';
  if (step.workflow) return 'workflow';
  return 'component';
}

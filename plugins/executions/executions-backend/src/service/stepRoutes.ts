import { executionReadPermission } from '@ai-ops/plugin-executions-common';
import type { StepAttemptRecord } from '@ai-ops/plugin-executions-common';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { NotFoundError } from '@backstage/errors';
import { ComponentSchemaSource } from './ComponentSchemas';
import { maskMessage, maskSecrets } from './masking';
import { attemptToApi } from './representation';
import { existingRun, RouteContext } from './routeContext';

const DEFAULT_ATTEMPTS_PAGE = 500;
const DEFAULT_ITERATIONS_PAGE = 50;

/** What the step routes work with. */
export interface StepRouteContext extends RouteContext {
  componentSchemas: ComponentSchemaSource;
}

/**
 * Masks the attempts of a run: the input by key, value and the component's
 * input schema at the revision the run pinned (every string when the schema
 * cannot be read), the output by key and value. Schemas are read once per
 * component.
 */
function attemptMasker(
  schemas: ComponentSchemaSource,
  snapshot: WorkflowSnapshot | undefined,
) {
  const loaded = new Map<string, Promise<object | 'unknown'>>();
  const schemaOf = (componentRef?: string) => {
    if (!componentRef) return Promise.resolve(undefined);
    let schema = loaded.get(componentRef);
    if (!schema) {
      const revisions = snapshot?.componentRevisions ?? {};
      const revision =
        revisions[componentRef] ??
        revisions[componentRef.toLocaleLowerCase('en-US')];
      schema = schemas
        .inputSchema(componentRef, revision)
        .catch(() => 'unknown' as const);
      loaded.set(componentRef, schema);
    }
    return schema;
  };
  return async (attempt: StepAttemptRecord) => {
    const input = maskSecrets(
      attempt.input,
      'input',
      attempt.input === undefined
        ? undefined
        : await schemaOf(attempt.componentRef),
    );
    const output = maskSecrets(attempt.output, 'output');
    return {
      attempt: { ...attempt, input: input.value, output: output.value },
      maskedPaths: [...input.paths, ...output.paths],
    };
  };
}

/** A run's attempts paged, and one step of a run in detail. */
export function addStepRoutes(ctx: StepRouteContext) {
  const { router, store, access, componentSchemas } = ctx;

  router.get('/executions/:id/steps', async (req, res) => {
    await access.authorize(req, executionReadPermission);
    const run = await existingRun(store, req.params.id);
    const page = await store.pageAttempts(run.id, {
      limit: req.query.limit ?? DEFAULT_ATTEMPTS_PAGE,
      cursor: req.query.cursor,
    });
    const mask = attemptMasker(
      componentSchemas,
      page.items.some(a => a.componentRef && a.input !== undefined)
        ? await store.getSnapshot(run.id)
        : undefined,
    );
    const items = await Promise.all(
      page.items.map(async a => attemptToApi((await mask(a)).attempt)),
    );
    res.json({ items, nextCursor: page.nextCursor });
  });

  router.get('/executions/:id/steps/:stepId', async (req, res) => {
    await access.authorize(req, executionReadPermission);
    const run = await existingRun(store, req.params.id);
    const { stepId } = req.params;
    const page = await store.stepIterations(run.id, stepId, {
      iteration: req.query.iteration,
      limit: req.query.limit ?? DEFAULT_ITERATIONS_PAGE,
      cursor: req.query.cursor,
    });
    const snapshot = await store.getSnapshot(run.id);
    if (!page) {
      // A step of the definition that has not started yet.
      const known = snapshot?.document.spec.steps.some(s => s.id === stepId);
      if (!known) {
        throw new NotFoundError(`No step '${stepId}' in run '${run.id}'`);
      }
      res.json({
        executionId: run.id,
        stepId,
        status: 'pending',
        iterationCount: 0,
        costUsd: 0,
        tokens: { inputTokens: 0, outputTokens: 0 },
        iterations: [],
      });
      return;
    }
    const mask = attemptMasker(componentSchemas, snapshot);
    const iterations = await Promise.all(
      page.iterations.map(async iteration => {
        const attempts = await Promise.all(
          iteration.attempts.map(async record => {
            const { attempt, maskedPaths } = await mask(record);
            return {
              ...attemptToApi(attempt),
              logs: (attempt.logs ?? []).map(line => ({
                time: line.time,
                level: line.level,
                message: maskMessage(line.message),
              })),
              scores: (attempt.scores ?? []).map(score => ({
                name: score.name,
                score: score.score,
                passed: score.passed,
                reason: score.reason,
              })),
              maskedPaths,
            };
          }),
        );
        const sum = (pick: (a: StepAttemptRecord) => number) =>
          iteration.attempts.reduce((total, a) => total + pick(a), 0);
        return {
          iteration: iteration.iteration,
          status: iteration.status,
          costUsd: Math.round(sum(a => a.costUsd) * 1e8) / 1e8,
          tokens: {
            inputTokens: sum(a => a.tokens.inputTokens),
            outputTokens: sum(a => a.tokens.outputTokens),
          },
          attempts,
        };
      }),
    );
    res.json({
      executionId: run.id,
      stepId,
      componentRef: page.componentRef,
      status: page.status,
      iterationCount: page.iterationCount,
      costUsd: Math.round(page.costUsd * 1e8) / 1e8,
      tokens: page.tokens,
      startedAt: page.startedAt,
      finishedAt: page.finishedAt,
      iterations,
      nextCursor: page.nextCursor,
    });
  });
}

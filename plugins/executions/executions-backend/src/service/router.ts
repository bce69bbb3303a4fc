import {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  ExecutionEventHistory,
  ExecutionMetricsStore,
  ExecutionRetentionStore,
  ExecutionStore,
} from '@ai-ops/plugin-executions-node';
import { InputError } from '@backstage/errors';
import { Client } from '@temporalio/client';
import express, { RequestHandler, Router } from 'express';
import { spec } from '../schema/openapi.generated';
import { ExecutionRunner } from '../temporal/TemporalRunner';
import { ExecutionAccess } from './access';
import { addControlRoutes } from './controlRoutes';
import { ComponentSchemaSource } from './ComponentSchemas';
import { addEventRoutes } from './eventRoutes';
import { addMetricsRoutes } from './metricsRoutes';
import { ResourceAccess } from './resourceAccess';
import { addRetentionRoutes } from './retentionRoutes';
import { addStepRoutes } from './stepRoutes';
import { ExecutionStarter } from './ExecutionStarter';
import { addReadRoutes } from './readRoutes';
import { addStartRoutes } from './startRoutes';
import { addScheduleRunRoute, createWebhookRouter } from './triggerRoutes';
import { addTriggerScheduleRoute } from './triggerScheduleRoutes';
import { TriggerSource } from './TriggerSource';
import { WorkflowResolver } from './WorkflowResolver';

/** Largest accepted request body; a larger one gets a 413. */
export const MAX_BODY_SIZE = '512kb';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  userInfo: UserInfoService;
  store: ExecutionStore;
  runner: ExecutionRunner;
  starter: ExecutionStarter;
  resolver: WorkflowResolver;
  /** Triggers of the workflows capability (webhooks, schedules). */
  triggers: TriggerSource;
  /**
   * The Temporal client the triggers' schedules are read with (the
   * runner's, as ScheduleSync's); a 503 when Temporal is unreachable.
   */
  temporalClient: () => Promise<Client>;
  auth: AuthService;
  /** The consumed lifecycle events. */
  history: ExecutionEventHistory;
  /** Aggregates for the metrics pages. */
  metrics: ExecutionMetricsStore;
  /** Per-workflow retention of finished runs. */
  retention: ExecutionRetentionStore;
  /** Input schemas of components, to mask secrets in step inputs. */
  componentSchemas: ComponentSchemaSource;
}

/**
 * The HTTP API of executions, typed and validated from
 * `src/schema/openapi.yaml`. Every handler checks credentials and a
 * permission through `ExecutionAccess`; every change is audited.
 *
 * @internal
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const access = new ExecutionAccess(options);
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // Credentials are checked in every handler, not by the validator.
    validatorOptions: { validateSecurity: false },
  });

  router.get('/health', async (req, res) => {
    await access.credentials(req);
    res.json({ status: 'ok' });
  });

  const ctx = {
    router,
    store: options.store,
    access,
    starter: options.starter,
    runner: options.runner,
    resolver: options.resolver,
    userInfo: options.userInfo,
  };
  addReadRoutes(ctx);
  addStartRoutes(ctx);
  addControlRoutes(ctx);
  addEventRoutes({ ...ctx, history: options.history });
  const resources = new ResourceAccess(access, options.permissions);
  addStepRoutes({ ...ctx, componentSchemas: options.componentSchemas });
  addMetricsRoutes({ router, resources, metrics: options.metrics });
  addRetentionRoutes({
    router,
    store: options.store,
    access,
    resources,
    retention: options.retention,
  });
  addScheduleRunRoute({ ...ctx, triggers: options.triggers });
  addTriggerScheduleRoute({
    router,
    access,
    resources,
    triggers: options.triggers,
    temporalClient: options.temporalClient,
  });

  // The body limit applies before the validated router, whose own parser
  // would turn an oversized body into a 400; this way it stays a 413.
  const outer = Router();
  // Webhooks read their raw body (the signature covers it) with a limit of
  // their own, before the JSON parser.
  outer.use(
    createWebhookRouter({
      starter: options.starter,
      resolver: options.resolver,
      triggers: options.triggers,
      auth: options.auth,
      auditor: options.auditor,
    }),
  );
  outer.use(express.json({ limit: MAX_BODY_SIZE }));
  const { schemas } = spec.components;
  outer.post('/executions', rejectUnknownFields(schemas.StartExecutionRequest));
  outer.post(
    '/executions/:id/rerun',
    rejectUnknownFields(schemas.RerunExecutionRequest),
  );
  outer.post(
    '/internal/schedule-runs',
    rejectUnknownFields(schemas.ScheduleRunRequest),
  );
  outer.post(
    '/executions/:id/approvals',
    rejectUnknownFields(schemas.ApprovalRequest),
  );
  outer.put(
    '/retention/workflows/:namespace/:name',
    rejectUnknownFields(schemas.PutRetentionRequest),
  );
  outer.use(router);
  return outer;
}

/**
 * A 400 that names a body field the contract does not know (the validator's
 * own message does not say which).
 */
function rejectUnknownFields(schema: {
  properties: Record<string, unknown>;
}): RequestHandler {
  const known = Object.keys(schema.properties);
  return (req, _res, next) => {
    const body = req.body;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const unknown = Object.keys(body).filter(k => !known.includes(k));
      if (unknown.length) {
        next(
          new InputError(
            `${unknown.join(', ')}: unknown field${
              unknown.length > 1 ? 's' : ''
            }; the body takes ${known.join(', ')}`,
          ),
        );
        return;
      }
    }
    next();
  };
}

import { AuthService, AuditorService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import express, { Request, Router } from 'express';
import { WEBHOOK_SIGNATURE_HEADER } from '@ai-ops/plugin-executions-common';
import { actorOf } from './access';
import { ExecutionStarter } from './ExecutionStarter';
import { idempotencyKeyOf, RouteContext } from './routeContext';
import {
  TriggerRecord,
  TriggerSource,
  WebhookCredential,
} from './TriggerSource';
import { assertValidInput, WorkflowResolver } from './WorkflowResolver';

/** Largest accepted webhook body; a larger one gets a 413. */
export const WEBHOOK_BODY_LIMIT = '256kb';

/** The answer to every webhook call that does not prove its trigger's secret. */
export const WEBHOOK_UNAUTHORIZED =
  'The trigger does not exist, is disabled, or the secret or signature does not match';

/** The header of an HMAC-signed webhook call, as Node reads it (lower case). */
export const SIGNATURE_HEADER = WEBHOOK_SIGNATURE_HEADER.toLowerCase();

/** Trigger ids are UUIDs; anything longer is not one. */
const MAX_TRIGGER_ID_LENGTH = 64;
const MAX_SECRET_LENGTH = 200;

/** What starting a run of a trigger needs. */
export interface TriggerRunOptions {
  starter: ExecutionStarter;
  resolver: WorkflowResolver;
}

/**
 * Starts a run of the trigger's workflow (its label or fixed version) with
 * the trigger's input under `input` (the given fields win), as a run of any
 * other kind: a fresh snapshot, input validation (400 naming the field), the
 * concurrency queue. `createdBy` is `<type>:<triggerId>`, which also scopes
 * the idempotency key to the trigger.
 */
export async function startTriggerRun(
  options: TriggerRunOptions,
  trigger: TriggerRecord,
  input: Record<string, unknown>,
  credentials: BackstageCredentials,
  idempotencyKey?: string,
) {
  const resolved = await options.resolver.resolve(
    {
      workflow: trigger.workflow,
      version: trigger.version,
      label: trigger.version === undefined ? trigger.label : undefined,
    },
    credentials,
  );
  const merged = { ...(trigger.input ?? {}), ...input };
  assertValidInput(resolved.snapshot.document, merged);
  return options.starter.start({
    snapshot: resolved.snapshot,
    label: resolved.label,
    owner: resolved.owner,
    input: merged,
    trigger: { type: trigger.type, triggerId: trigger.id },
    createdBy: `${trigger.type}:${trigger.id}`,
    idempotencyKey,
  });
}

/** The credential of a webhook call; undefined when it has none in a usable form. */
function webhookCredential(
  req: Request,
  payload: Buffer,
): WebhookCredential | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || match[1].length > MAX_SECRET_LENGTH) return undefined;
    return { secret: match[1] };
  }
  const signature = req.headers[SIGNATURE_HEADER];
  if (typeof signature === 'string') {
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature.trim());
    return match
      ? { signature: match[1].toLocaleLowerCase('en-US'), payload }
      : undefined;
  }
  return undefined;
}

/** The JSON object of a webhook body; an empty body is `{}`. */
function webhookInput(payload: Buffer): Record<string, unknown> {
  const text = payload.toString('utf8').trim();
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`body: is not JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('body: must be a JSON object (the run input)');
  }
  return parsed as Record<string, unknown>;
}

/**
 * `POST /webhooks/{triggerId}`: unauthenticated for Backstage, authenticated
 * by the trigger's own secret, either as `Authorization: Bearer <secret>` or
 * as `X-AI-Ops-Signature: sha256=<hex HMAC-SHA256 of the raw body>` (keyed
 * with the sha256 hex of the secret). The workflows API checks the secret in
 * constant time. Unknown or disabled triggers and wrong secrets get the same
 * 401. Mounted before any JSON parser: the signature covers the raw body.
 */
export function createWebhookRouter(
  options: TriggerRunOptions & {
    triggers: TriggerSource;
    auth: AuthService;
    auditor: AuditorService;
  },
): Router {
  const router = Router();
  router.post(
    '/webhooks/:triggerId',
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req, res, next) => {
      const { triggerId } = req.params;
      const payload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const credential = webhookCredential(req, payload);
      const meta = {
        triggerId,
        authentication: credential
          ? ('secret' in credential && 'bearer') || 'hmac'
          : 'none',
        ip: req.ip ?? null,
      };
      try {
        // The Authorization header holds the trigger's secret, not a
        // Backstage token, so the event is not tied to the request (whose
        // credentials the auditor would try to read).
        const event = await options.auditor.createEvent({
          eventId: 'execution-webhook',
          severityLevel: 'medium',
          meta,
        });
        try {
          const trigger =
            credential && triggerId.length <= MAX_TRIGGER_ID_LENGTH
              ? await options.triggers.verify(triggerId, credential)
              : undefined;
          if (!trigger) throw new AuthenticationError(WEBHOOK_UNAUTHORIZED);
          const { execution, created } = await startTriggerRun(
            options,
            trigger,
            webhookInput(payload),
            await options.auth.getOwnServiceCredentials(),
            idempotencyKeyOf(req),
          );
          await event.success({
            meta: {
              ...meta,
              executionId: execution.id,
              workflowRef: execution.workflowRef,
              workflowVersion: execution.workflowVersion,
              created,
            },
          });
          res.status(202).json({ id: execution.id, status: execution.status });
        } catch (error) {
          await event.fail({ error: error as Error, meta });
          throw error;
        }
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}

/**
 * `POST /internal/schedule-runs`: what a trigger's Temporal Schedule fires
 * (through the worker's `startScheduledRun` activity). Service tokens only.
 * 404 for an unknown trigger, 409 for a disabled one or one that is no
 * longer a schedule; the activity skips the firing for both.
 */
export function addScheduleRunRoute(
  ctx: RouteContext & { triggers: TriggerSource },
) {
  const { router, access, triggers } = ctx;
  router.post('/internal/schedule-runs', async (req, res) => {
    const credentials = await access.credentials(req);
    if (credentials.principal.type !== 'service') {
      throw new NotAllowedError(
        'Only backend services may start scheduled runs',
      );
    }
    const { triggerId } = req.body;
    const idempotencyKey = idempotencyKeyOf(req);
    const result = await access.audited(
      req,
      'execution-schedule-run',
      { triggerId, idempotencyKey, caller: actorOf(credentials) },
      async () => {
        const trigger = await triggers.get(triggerId);
        if (!trigger) {
          throw new NotFoundError(`triggerId: no trigger '${triggerId}'`);
        }
        if (trigger.type !== 'schedule') {
          throw new ConflictError(
            `triggerId: '${triggerId}' is a ${trigger.type} trigger, not a schedule`,
          );
        }
        if (!trigger.enabled) {
          throw new ConflictError(`triggerId: '${triggerId}' is disabled`);
        }
        return startTriggerRun(ctx, trigger, {}, credentials, idempotencyKey);
      },
      r => ({
        executionId: r.execution.id,
        workflowRef: r.execution.workflowRef,
        workflowVersion: r.execution.workflowVersion,
        created: r.created,
      }),
    );
    res
      .status(202)
      .json({ id: result.execution.id, status: result.execution.status });
  });
}

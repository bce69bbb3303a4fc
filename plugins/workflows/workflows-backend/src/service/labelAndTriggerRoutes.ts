import { InputError, NotFoundError } from '@backstage/errors';
import {
  workflowPromotePermission,
  workflowUpdatePermission,
} from '@ai-ops/plugin-workflows-common';
import {
  TriggerCredential,
  WorkflowTriggerInput,
  WorkflowTriggerRecord,
} from '../database/types';
import { actorOf } from './access';
import { triggerToApi, workflowRef, workflowToApi } from './representation';
import { keyOf, RouteContext, sendJson } from './routeContext';

/** The body of a trigger create or update, with `enabled` defaulting to true. */
function triggerInput(body: {
  type: 'schedule' | 'webhook';
  cron?: string;
  timezone?: string;
  label?: string;
  version?: number;
  input?: Record<string, unknown>;
  enabled?: boolean;
}): WorkflowTriggerInput {
  return {
    type: body.type,
    cron: body.cron,
    timezone: body.timezone,
    label: body.label,
    version: body.version,
    input: body.input,
    enabled: body.enabled ?? true,
  };
}

/** A trigger with its workflow as backend services get it (no secret, no hash). */
const triggerRecordToApi = (t: WorkflowTriggerRecord) => ({
  ...triggerToApi(t),
  workflow: workflowRef(t.workflow),
  hasSecret: t.hasSecret,
});

/** The credential of a verify body: the secret, or a signature of a payload. */
function credentialOf(body: {
  secret?: string;
  signature?: string;
  payload?: string;
}): TriggerCredential {
  if (body.secret !== undefined) {
    if (body.signature !== undefined) {
      throw new InputError('signature: give either secret or signature');
    }
    return { secret: body.secret };
  }
  if (body.signature === undefined) {
    throw new InputError('secret: give the secret or a signature');
  }
  if (body.payload === undefined) {
    throw new InputError('payload: a signature needs the signed payload');
  }
  return {
    signature: body.signature,
    payload: Buffer.from(body.payload, 'base64'),
  };
}

/** Labels (moved with the promote permission) and triggers. */
export function addLabelAndTriggerRoutes(ctx: RouteContext) {
  const { router, store, access } = ctx;

  router.get('/workflows/:namespace/:name/labels', async (req, res) => {
    const key = keyOf(req);
    await access.readable(req, key);
    res.json({ items: await store.labelHistory(key) });
  });

  router.put('/workflows/:namespace/:name/labels/:label', async (req, res) => {
    const key = keyOf(req);
    const { label } = req.params;
    const { credentials, workflow } = await access.changeable(
      req,
      key,
      workflowPromotePermission,
      'move labels of',
      { readOnlyCatalog: false },
    );
    const { version } = req.body;
    const updated = await access.audited(
      req,
      'workflow-label',
      {
        ref: workflowRef(key),
        label,
        version,
        previousVersion: workflow.labels[label] ?? null,
      },
      () =>
        store.setLabel(key, label, version, { actor: actorOf(credentials) }),
    );
    res.json(workflowToApi(updated));
  });

  router.delete(
    '/workflows/:namespace/:name/labels/:label',
    async (req, res) => {
      const key = keyOf(req);
      const { label } = req.params;
      const { credentials, workflow } = await access.changeable(
        req,
        key,
        workflowPromotePermission,
        'move labels of',
        { readOnlyCatalog: false },
      );
      if (workflow.labels[label] === undefined) {
        throw new NotFoundError(
          `'${workflowRef(key)}' has no label '${label}'`,
        );
      }
      const updated = await access.audited(
        req,
        'workflow-label',
        {
          ref: workflowRef(key),
          label,
          version: null,
          previousVersion: workflow.labels[label],
        },
        () => store.setLabel(key, label, null, { actor: actorOf(credentials) }),
      );
      res.json(workflowToApi(updated));
    },
  );

  router.get('/workflows/:namespace/:name/triggers', async (req, res) => {
    const key = keyOf(req);
    await access.readable(req, key);
    sendJson(res, 200, {
      items: (await store.listTriggers(key)).map(triggerToApi),
    });
  });

  router.post('/workflows/:namespace/:name/triggers', async (req, res) => {
    const key = keyOf(req);
    const { credentials } = await access.changeable(
      req,
      key,
      workflowUpdatePermission,
      'update',
      { readOnlyCatalog: false },
    );
    const trigger = await access.audited(
      req,
      'workflow-trigger',
      { ref: workflowRef(key), action: 'create', type: req.body.type },
      () =>
        store.createTrigger(key, triggerInput(req.body), {
          actor: actorOf(credentials),
        }),
    );
    // The secret is shown this once; only its hash is stored.
    sendJson(res, 201, { ...triggerToApi(trigger), secret: trigger.secret });
  });

  router.put(
    '/workflows/:namespace/:name/triggers/:triggerId',
    async (req, res) => {
      const key = keyOf(req);
      const { triggerId } = req.params;
      await access.changeable(req, key, workflowUpdatePermission, 'update', {
        readOnlyCatalog: false,
      });
      const trigger = await access.audited(
        req,
        'workflow-trigger',
        { ref: workflowRef(key), action: 'update', triggerId },
        () => store.updateTrigger(key, triggerId, triggerInput(req.body)),
      );
      sendJson(res, 200, { ...triggerToApi(trigger), secret: trigger.secret });
    },
  );

  router.delete(
    '/workflows/:namespace/:name/triggers/:triggerId',
    async (req, res) => {
      const key = keyOf(req);
      const { triggerId } = req.params;
      await access.changeable(req, key, workflowUpdatePermission, 'update', {
        readOnlyCatalog: false,
      });
      await access.audited(
        req,
        'workflow-trigger',
        { ref: workflowRef(key), action: 'delete', triggerId },
        async () => {
          if (!(await store.deleteTrigger(key, triggerId))) {
            throw new NotFoundError(
              `'${workflowRef(key)}' has no trigger '${triggerId}'`,
            );
          }
        },
      );
      res.status(204).end();
    },
  );

  router.post(
    '/workflows/:namespace/:name/triggers/:triggerId/rotate-secret',
    async (req, res) => {
      const key = keyOf(req);
      const { triggerId } = req.params;
      await access.changeable(req, key, workflowUpdatePermission, 'update', {
        readOnlyCatalog: false,
      });
      const { trigger, secret } = await access.audited(
        req,
        'workflow-trigger',
        { ref: workflowRef(key), action: 'rotate-secret', triggerId },
        () => store.rotateTriggerSecret(key, triggerId),
      );
      sendJson(res, 200, { ...triggerToApi(trigger), secret });
    },
  );

  // For the executions backend: schedules to keep in line with Temporal,
  // the trigger a scheduled run starts, and webhook secrets checked here so
  // that their hashes never leave this plugin. Service tokens only.
  router.get('/triggers', async (req, res) => {
    await access.serviceCredentials(req);
    const items = await store.listAllTriggers({ type: req.query.type });
    sendJson(res, 200, { items: items.map(triggerRecordToApi) });
  });

  router.get('/triggers/:triggerId', async (req, res) => {
    await access.serviceCredentials(req);
    const { triggerId } = req.params;
    const trigger = await store.getTriggerById(triggerId);
    if (!trigger) throw new NotFoundError(`No trigger '${triggerId}'`);
    sendJson(res, 200, triggerRecordToApi(trigger));
  });

  router.post('/triggers/:triggerId/verify', async (req, res) => {
    await access.serviceCredentials(req);
    const trigger = await store.verifyTriggerSecret(
      req.params.triggerId,
      credentialOf(req.body),
    );
    sendJson(
      res,
      200,
      trigger
        ? { valid: true, trigger: triggerRecordToApi(trigger) }
        : { valid: false },
    );
  });
}

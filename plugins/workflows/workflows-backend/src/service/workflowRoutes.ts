import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { sendEntityExport } from '@ai-ops/console-node';
import {
  workflowCreatePermission,
  workflowDeletePermission,
  workflowUpdatePermission,
} from '@ai-ops/plugin-workflows-common';
import { actorOf, assertNotFromCatalog } from './access';
import { parseComponentRef } from './componentResolver';
import {
  assertKeyMatches,
  DocumentInputBody,
  parseDocumentInput,
  requireKey,
} from './documentInput';
import {
  issueToApi,
  summaryToApi,
  workflowRef,
  workflowToApi,
} from './representation';
import { workflowToEntity } from './catalogEntities';
import { asList, keyOf, RouteContext } from './routeContext';

/** A component query parameter in the form the store keeps refs in. */
function componentFilter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const key = parseComponentRef(value);
  if (!key) {
    throw new InputError(`component: '${value}' is not an AIComponent ref`);
  }
  return `aicomponent:${key.namespace}/${key.name}`;
}

/** An owner query parameter as a full ref, as owners are stored. */
function ownerFilter(value: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`owner: '${value}' is not an entity ref`);
  }
}

/**
 * Health, validation, the list, create, import, read, update and delete of
 * workflows, usage of components and the catalog export.
 */
export function addWorkflowRoutes(ctx: RouteContext) {
  const { router, store, access, validator, newVersion } = ctx;

  router.get('/health', async (req, res) => {
    await access.credentials(req);
    res.json({ status: 'ok' });
  });

  router.post('/validate', async (req, res) => {
    const credentials = await access.credentials(req);
    const input = parseDocumentInput(req.body as DocumentInputBody);
    const result = await validator.validate(input.raw, credentials);
    res.json({
      valid: result.valid,
      issues: result.issues.map(issueToApi),
      document: result.document,
    });
  });

  router.get('/workflows', async (req, res) => {
    const permission = await access.readFilter(req);
    if (!permission) {
      res.json({ items: [], totalItems: 0 });
      return;
    }
    const q = req.query;
    const page = await store.list({
      filter: {
        ...permission,
        owners: asList(q.owner)?.map(ownerFilter),
        tags: asList(q.tag),
        lifecycles: asList(q.lifecycle),
        sources: asList(q.source),
        component: componentFilter(q.component),
        label: q.label,
        q: q.q,
      },
      sort: q.sort ?? 'name',
      order: q.order ?? 'asc',
      limit: q.limit ?? 50,
      cursor: q.cursor,
    });
    res.json({
      items: page.items.map(summaryToApi),
      totalItems: page.totalItems,
      nextCursor: page.nextCursor,
    });
  });

  router.post('/workflows', async (req, res) => {
    const { credentials, allowed } = await access.authorize(
      req,
      workflowCreatePermission,
    );
    if (!allowed) throw new NotAllowedError('You may not create workflows');
    const input = parseDocumentInput(req.body as DocumentInputBody);
    const key = requireKey(input.raw);
    const version = await newVersion(input, credentials, key);
    const workflow = await access.audited(
      req,
      'workflow-create',
      { ref: workflowRef(key), version: 1 },
      () =>
        store.create(key, version, {
          actor: actorOf(credentials),
          source: 'console',
        }),
    );
    res.status(201).json(workflowToApi(workflow));
  });

  router.post('/import', async (req, res) => {
    const credentials = await access.credentials(req);
    const input = parseDocumentInput(req.body as DocumentInputBody);
    const key = requireKey(input.raw);
    const ref = workflowRef(key);
    const existing = await store.get(key);
    if (!existing) {
      if (!(await access.isAllowed(credentials, workflowCreatePermission))) {
        throw new NotAllowedError('You may not create workflows');
      }
      const version = await newVersion(input, credentials, key);
      const workflow = await access.audited(
        req,
        'workflow-import',
        { ref, created: true, version: 1 },
        () =>
          store.create(key, version, {
            actor: actorOf(credentials),
            source: 'console',
          }),
      );
      res.status(201).json({
        workflow: workflowToApi(workflow),
        changed: true,
        created: true,
      });
      return;
    }
    if (!(await access.isAllowed(credentials, workflowUpdatePermission, key))) {
      throw new NotAllowedError(`You may not update '${ref}'`);
    }
    assertNotFromCatalog(existing);
    const version = await newVersion(input, credentials, key);
    const result = await access.audited(
      req,
      'workflow-import',
      { ref, created: false, fromVersion: existing.latestVersion },
      () =>
        store.addVersion(key, version, {
          actor: actorOf(credentials),
        }),
    );
    res.json({
      workflow: workflowToApi(result.workflow),
      changed: result.changed,
      created: false,
    });
  });

  router.get('/workflows/:namespace/:name', async (req, res) => {
    const { workflow } = await access.readable(req, keyOf(req));
    res.json(workflowToApi(workflow));
  });

  router.put('/workflows/:namespace/:name', async (req, res) => {
    const key = keyOf(req);
    const { credentials, workflow } = await access.changeable(
      req,
      key,
      workflowUpdatePermission,
      'update',
      { readOnlyCatalog: true },
    );
    const input = parseDocumentInput(req.body as DocumentInputBody);
    assertKeyMatches(input.raw, key);
    const version = await newVersion(input, credentials, key);
    const result = await access.audited(
      req,
      'workflow-update',
      { ref: workflowRef(key), fromVersion: workflow.latestVersion },
      () => store.addVersion(key, version, { actor: actorOf(credentials) }),
    );
    res.json({
      workflow: workflowToApi(result.workflow),
      changed: result.changed,
    });
  });

  router.delete('/workflows/:namespace/:name', async (req, res) => {
    const key = keyOf(req);
    const { workflow } = await access.changeable(
      req,
      key,
      workflowDeletePermission,
      'delete',
      { readOnlyCatalog: true },
    );
    await access.audited(
      req,
      'workflow-delete',
      { ref: workflowRef(key), version: workflow.latestVersion },
      async () => {
        if (!(await store.delete(key))) {
          throw new NotFoundError(`No workflow '${workflowRef(key)}'`);
        }
      },
    );
    res.status(204).end();
  });

  router.get('/usage', async (req, res) => {
    const permission = await access.readFilter(req);
    if (!permission) {
      res.json({ items: [] });
      return;
    }
    const component = componentFilter(req.query.component);
    const items = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({
        filter: { ...permission, component },
        sort: 'name',
        order: 'asc',
        limit: 200,
        cursor,
      });
      items.push(
        ...page.items.map(w => ({
          ref: workflowRef(w),
          title: w.title,
          latestVersion: w.latestVersion,
        })),
      );
      cursor = page.nextCursor;
    } while (cursor);
    res.json({ items });
  });

  router.get('/catalog-entities', async (req, res) => {
    await access.serviceCredentials(req);
    await sendEntityExport(req, res, {
      version: () => store.exportVersion('console'),
      page: range => store.exportPage({ source: 'console', ...range }),
      toEntity: workflowToEntity,
    });
  });
}

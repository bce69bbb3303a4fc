import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
} from '@backstage/errors';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  aiComponentCreatePermission,
  aiComponentDeletePermission,
  aiComponentInvokePermission,
  aiComponentReadPermission,
  aiComponentSecretManagePermission,
  aiComponentSecretWritePermission,
  aiComponentUpdatePermission,
  type AiComponentSecretProblem as SecretProblem,
} from '@ai-ops/plugin-ai-components-common';
import {
  ComponentInvoker,
  RuntimeError,
} from '@ai-ops/plugin-ai-components-node';
import { ReadDecisionCache, sendEntityExport } from '@ai-ops/console-node';
import { JsonObject, JsonValue } from '@backstage/types';
import express, { Request } from 'express';
import { spec } from '../schema/openapi.generated';
import {
  ComponentFilter,
  ComponentInput,
  ComponentKey,
  ComponentStore,
} from '../database/types';
import { mayUseSecret, SecretStore } from '../secrets/SecretStore';
import { SecretRedactor } from '../secrets/SecretRedactor';
import {
  aiComponentResourceRef,
  aiComponentSecretResourceRef,
} from '../permissions/ownership';
import { SecretAccess, secretAccess, secretOwnerOf } from './secretAccess';
import { ComponentRequestBody, toComponentInput } from './componentInput';
import { componentRef, componentToApi, summaryToApi } from './representation';
import { componentToEntity } from './catalogEntities';
import { WorkflowUsageService } from './workflowUsage';

/** Largest accepted request body; larger ones get a 4xx. */
export const MAX_BODY_SIZE = '256kb';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  store: ComponentStore;
  secrets: SecretStore;
  invoker: ComponentInvoker;
  redactor: SecretRedactor;
  usage: WorkflowUsageService;
}

const actorOf = (
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
) =>
  credentials.principal.type === 'user'
    ? credentials.principal.userEntityRef
    : `service:${credentials.principal.subject}`;

/** A repeated query parameter arrives as a string when given once. */
const asList = <T extends string>(value: T | T[] | undefined) =>
  value === undefined ? undefined : ([] as T[]).concat(value);

/** Any request of the typed router; helpers only need its headers. */
type AnyRequest = Request<any, any, any, any>;

/**
 * The HTTP API of the AI components registry, typed and validated from
 * `src/schema/openapi.yaml`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, store, secrets, invoker, redactor } =
    options;
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [express.json({ limit: MAX_BODY_SIZE })],
    // Credentials are checked by httpAuth in every handler, not by the validator.
    validatorOptions: { validateSecurity: false },
  });
  const readDecisions = new ReadDecisionCache();
  const transformConditions = createConditionTransformer(
    options.permissionsRegistry.getPermissionRuleset(aiComponentResourceRef),
  );
  const applySecretConditions = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(
      aiComponentSecretResourceRef,
    ),
  );

  async function authorize(
    req: AnyRequest,
    permission: BasicPermission | ResourcePermission,
    key?: ComponentKey,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [
        key
          ? {
              permission: permission as ResourcePermission,
              resourceRef: componentRef(key),
            }
          : { permission: permission as BasicPermission },
      ],
      { credentials },
    );
    return { credentials, allowed: decision.result === AuthorizeResult.ALLOW };
  }

  /** Loads a component the caller may read; 404 otherwise, so names do not leak. */
  async function readable(req: AnyRequest, key: ComponentKey) {
    const { credentials, allowed } = await authorize(
      req,
      aiComponentReadPermission,
      key,
    );
    const component = allowed ? await store.get(key) : undefined;
    if (!component) {
      throw new NotFoundError(`No component '${key.namespace}/${key.name}'`);
    }
    return { credentials, component };
  }

  async function readFilter(
    req: AnyRequest,
  ): Promise<ComponentFilter | undefined> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const decision = await readDecisions.get(actorOf(credentials), async () => {
      const [first] = await permissions.authorizeConditional(
        [{ permission: aiComponentReadPermission }],
        { credentials },
      );
      return first;
    });
    if (decision.result === AuthorizeResult.DENY) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { permission: transformConditions(decision.conditions) };
    }
    return {};
  }

  async function audited<T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await action();
      await event.success({ meta });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  }

  const keyOf = (params: { namespace: string; name: string }) => ({
    namespace: params.namespace,
    name: params.name,
  });

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ status: 'ok' });
  });

  router.get('/components', async (req, res) => {
    const permissionFilter = await readFilter(req);
    if (!permissionFilter) {
      res.json({ items: [], totalItems: 0 });
      return;
    }
    const q = req.query;
    const page = await store.list({
      filter: {
        ...permissionFilter,
        types: asList(q.type),
        owners: asList(q.owner),
        tags: asList(q.tag),
        lifecycles: asList(q.lifecycle),
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

  router.get('/facets', async (req, res) => {
    const filter = await readFilter(req);
    res.json(
      filter
        ? await store.facets(filter)
        : { type: [], owner: [], tag: [], lifecycle: [] },
    );
  });

  router.get('/runtimes', async (req, res) => {
    if (!(await readFilter(req))) {
      throw new NotAllowedError('You may not read AI components');
    }
    res.json({
      items: invoker.runtimeTypes().map(r => ({
        type: r.type,
        title: r.title,
        description: r.description,
        configSchema: r.configSchema,
      })),
    });
  });

  /**
   * The secrets a runtime config names that a component of `owner` cannot
   * use now: none stored by that name, or another owner's. One indexed read,
   * only when the config names any.
   */
  async function secretProblemsOf(
    runtime: { type: string; config?: JsonObject },
    owner: string,
  ): Promise<SecretProblem[]> {
    const refs = invoker.secretRefs({
      type: runtime.type,
      config: runtime.config ?? {},
    });
    if (refs.length === 0) return [];
    const names = [...new Set(refs.map(ref => ref.name))];
    const found = await secrets.owners(names);
    const byName = new Map(names.map((name, i) => [name, found[i]]));
    return refs.flatMap((ref): SecretProblem[] => {
      const secret = byName.get(ref.name);
      if (!secret) {
        return [
          {
            path: ref.path,
            secret: ref.name,
            problem: 'missing',
            message: `${ref.path}: no secret named '${ref.name}' is stored; runs fail until it is`,
          },
        ];
      }
      if (mayUseSecret(secret, { owner })) return [];
      return [
        {
          path: ref.path,
          secret: ref.name,
          problem: 'other-owner',
          owner: secret.owner,
          message: `${ref.path}: secret '${ref.name}' belongs to ${secret.owner}; only components owned by ${secret.owner} may use it (this one is owned by ${owner})`,
        },
      ];
    });
  }

  /**
   * 400 naming the reference when a component names a secret of another
   * owner, which it could never use (a secret that does not exist yet may be
   * stored later).
   */
  async function assertUsableSecrets(input: ComponentInput) {
    const refused = (
      await secretProblemsOf(input.spec.runtime, input.owner)
    ).find(problem => problem.problem === 'other-owner');
    if (refused) throw new InputError(refused.message);
  }

  router.post('/components', async (req, res) => {
    const { credentials, allowed } = await authorize(
      req,
      aiComponentCreatePermission,
    );
    if (!allowed) throw new NotAllowedError('You may not create AI components');
    const { name, namespace = 'default', ...body } = req.body;
    const key = { namespace, name };
    const input = toComponentInput(body as ComponentRequestBody, invoker);
    await assertUsableSecrets(input);
    const component = await audited(
      req,
      'component-create',
      { ref: componentRef(key), revision: 1 },
      () =>
        store.create(key, input, {
          actor: actorOf(credentials),
          source: 'console',
        }),
    );
    res.status(201).json(componentToApi(component));
  });

  router.get('/components/:namespace/:name', async (req, res) => {
    const { component } = await readable(req, keyOf(req.params));
    const problems = await secretProblemsOf(
      component.spec.runtime,
      component.owner,
    );
    res.json({
      ...componentToApi(component),
      ...(problems.length > 0 ? { secretProblems: problems } : {}),
    });
  });

  async function writable(
    req: AnyRequest,
    key: ComponentKey,
    permission: ResourcePermission,
    verb: string,
  ) {
    const { credentials, component } = await readable(req, key);
    const { allowed } = await authorize(req, permission, key);
    if (!allowed) {
      throw new NotAllowedError(`You may not ${verb} '${componentRef(key)}'`);
    }
    if (component.source === 'catalog') {
      throw new ConflictError(
        `'${componentRef(key)}' is managed in Git (${
          component.sourceLocation ?? 'catalog-info.yaml'
        }); change it there`,
      );
    }
    return { credentials, component };
  }

  router.put('/components/:namespace/:name', async (req, res) => {
    const key = keyOf(req.params);
    const { credentials, component } = await writable(
      req,
      key,
      aiComponentUpdatePermission,
      'update',
    );
    const input = toComponentInput(req.body as ComponentRequestBody, invoker);
    await assertUsableSecrets(input);
    const result = await audited(
      req,
      'component-update',
      { ref: componentRef(key), fromRevision: component.latestRevision },
      () => store.update(key, input, { actor: actorOf(credentials) }),
    );
    res.json(componentToApi(result.component));
  });

  router.delete('/components/:namespace/:name', async (req, res) => {
    const key = keyOf(req.params);
    const { component } = await writable(
      req,
      key,
      aiComponentDeletePermission,
      'delete',
    );
    const users = await options.usage.workflowsUsing(componentRef(key));
    if (users.length > 0) {
      const named = users.slice(0, 5).map(u => u.ref);
      throw new ConflictError(
        `Component '${componentRef(key)}' is used by ${
          users.length
        } workflow(s) (${named.join(', ')}${
          users.length > named.length ? ', ...' : ''
        }); remove it from them first`,
      );
    }
    await audited(
      req,
      'component-delete',
      { ref: componentRef(key), revision: component.latestRevision },
      () => store.delete(key),
    );
    res.status(204).end();
  });

  router.get('/components/:namespace/:name/versions', async (req, res) => {
    const key = keyOf(req.params);
    await readable(req, key);
    res.json({ items: (await store.listVersions(key)) ?? [] });
  });

  router.get(
    '/components/:namespace/:name/versions/:revision',
    async (req, res) => {
      const key = keyOf(req.params);
      await readable(req, key);
      const version = await store.getVersion(key, Number(req.params.revision));
      if (!version) {
        throw new NotFoundError(
          `'${componentRef(key)}' has no revision ${req.params.revision}`,
        );
      }
      res.json(version);
    },
  );

  router.post('/components/:namespace/:name/invoke', async (req, res) => {
    const key = keyOf(req.params);
    const { component } = await readable(req, key);
    const { allowed } = await authorize(req, aiComponentInvokePermission, key);
    if (!allowed)
      throw new NotAllowedError(`You may not invoke '${componentRef(key)}'`);
    const revision = req.body.revision ?? component.latestRevision;
    const version =
      revision === component.latestRevision
        ? { spec: component.spec }
        : await store.getVersion(key, revision);
    if (!version) {
      throw new InputError(
        `revision: '${componentRef(key)}' has no revision ${revision}`,
      );
    }
    const result = await audited(
      req,
      'component-invoke',
      { ref: componentRef(key), revision },
      async () => {
        const started = performance.now();
        try {
          const outcome = await invoker.invoke(
            {
              runtime: {
                type: version.spec.runtime.type,
                config: version.spec.runtime.config ?? {},
              },
              inputSchema: version.spec.inputSchema,
              outputSchema: version.spec.outputSchema,
              pricing: version.spec.pricing,
              // The secrets it may use are its owner's and the shared ones.
              owner: component.owner,
            },
            req.body.input as JsonValue,
          );
          return {
            revision,
            output: outcome.output,
            usage: {
              inputTokens: outcome.usage.inputTokens,
              outputTokens: outcome.usage.outputTokens,
            },
            costUsd: outcome.costUsd,
            priced: outcome.priced,
            latencyMs: outcome.latencyMs,
            model: outcome.model,
          };
        } catch (error) {
          if (!(error instanceof RuntimeError)) throw error;
          const message = redactor.redact(error.message);
          if (error.code === 'InputSchemaMismatch') {
            throw new InputError(`input: ${message}`);
          }
          return {
            revision,
            error: {
              code: error.code,
              message,
              retryable: error.retryable,
            },
            usage: { inputTokens: 0, outputTokens: 0 },
            costUsd: 0,
            latencyMs: performance.now() - started,
          };
        }
      },
    );
    res.json(result);
  });

  router.get('/catalog-entities', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    await sendEntityExport(req, res, {
      version: () => store.exportVersion('console'),
      page: range => store.exportPage({ source: 'console', ...range }),
      toEntity: componentToEntity,
    });
  });

  /**
   * The caller's secret access: 403 without `ai-components.secret.manage`;
   * which owners' secrets it may change comes from its
   * `ai-components.secret.write` decision (conditions applied here).
   */
  async function secretAccessOf(req: AnyRequest) {
    const { credentials, allowed } = await authorize(
      req,
      aiComponentSecretManagePermission,
    );
    if (!allowed)
      throw new NotAllowedError('You may not manage AI component secrets');
    const [decision] = await permissions.authorizeConditional(
      [{ permission: aiComponentSecretWritePermission }],
      { credentials },
    );
    return {
      credentials,
      access: secretAccess(decision, applySecretConditions),
    };
  }

  /** 403 naming the owner when the caller may not change its secrets. */
  function assertMayManage(
    access: SecretAccess,
    name: string,
    owner: string | undefined,
  ) {
    if (!access.mayManage(owner)) {
      throw new NotAllowedError(
        owner === undefined
          ? `Secret '${name}' is shared; only a manager of every secret may change it`
          : `You may not manage the secrets of ${owner}`,
      );
    }
  }

  router.get('/secrets', async (req, res) => {
    const { access } = await secretAccessOf(req);
    const items = (await secrets.list())
      .filter(secret => access.shows(secret.owner))
      .map(secret => ({
        ...secret,
        manageable: access.mayManage(secret.owner),
      }));
    res.json({ items });
  });

  router.put('/secrets/:secretName', async (req, res) => {
    const { credentials, access } = await secretAccessOf(req);
    const { secretName } = req.params;
    // `owner: null` asks for a shared secret; absent keeps a replaced one's.
    const makeShared = req.body.owner === null;
    const asked =
      req.body.owner === undefined || req.body.owner === null
        ? undefined
        : secretOwnerOf(req.body.owner);
    const [existing] = await secrets.owners([secretName]);
    let owner = asked;
    if (makeShared && !access.mayManage(undefined)) {
      throw new NotAllowedError(
        `Only a manager of every secret may make secret '${secretName}' shared`,
      );
    }
    if (existing) {
      // Replacing: the current owner's manager, and the new owner's too.
      assertMayManage(access, secretName, existing.owner);
      if (asked === undefined && !makeShared) owner = existing.owner;
    } else if (asked === undefined && !access.mayManage(undefined)) {
      throw new InputError(
        'owner: required; name the user or group whose components may use the secret (only a manager of every secret stores shared ones)',
      );
    }
    assertMayManage(access, secretName, owner);
    const stored = await audited(
      req,
      'secret-put',
      { name: secretName, owner: owner ?? null },
      () =>
        secrets.put(secretName, req.body.value, actorOf(credentials), owner),
    );
    res.json({ ...stored, manageable: true });
  });

  router.delete('/secrets/:secretName', async (req, res) => {
    const { access } = await secretAccessOf(req);
    const { secretName } = req.params;
    const [existing] = await secrets.owners([secretName]);
    // Another owner's secret is as absent as a missing one.
    if (!existing || !access.shows(existing.owner)) {
      throw new NotFoundError(`No secret '${secretName}'`);
    }
    assertMayManage(access, secretName, existing.owner);
    const deleted = await audited(
      req,
      'secret-delete',
      { name: secretName, owner: existing.owner ?? null },
      () => secrets.delete(secretName),
    );
    if (!deleted) throw new NotFoundError(`No secret '${secretName}'`);
    res.status(204).end();
  });

  return router;
}

import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { aiComponentReadPermission } from '@ai-ops/plugin-ai-components-common';
import { workflowReadPermission } from '@ai-ops/plugin-workflows-common';
import {
  recommendationIndexManagePermission,
  recommendationReadPermission,
} from '@ai-ops/plugin-recommendations-common';
import express, { Request } from 'express';
import type { AiComponentSummary } from '@ai-ops/plugin-ai-components-common';
import { spec } from '../schema/openapi.generated';
import { RecommendationIndex } from './RecommendationIndex';
import { CallerDecisions, Decisions } from './CallerDecisions';
import { nextSteps, Ranked, search, similarComponents } from './ranking';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  index: RecommendationIndex;
  /** The staleness bound reported by /status. */
  refreshIntervalSeconds: number;
  /**
   * How long a caller's resource-less permission decisions are kept (see
   * CallerDecisions); 0 asks the permission backend on every request.
   */
  permissionCacheMs?: number;
}

const DEFAULT_LIMIT = 10;
const DEFAULT_PERMISSION_CACHE_MS = 5_000;

type Caller = { credentials: BackstageCredentials; decisions: Decisions };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRequest = Request<any, any, any, any, any>;

/**
 * The HTTP API (from `schema/openapi.yaml`) of the recommendations capability.
 * Every result passes the caller's read permission on the component or
 * workflow it names before it is returned.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, index } = options;
  const callerDecisions = new CallerDecisions(
    permissions,
    options.permissionCacheMs ?? DEFAULT_PERMISSION_CACHE_MS,
  );
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // Credentials are checked by httpAuth in every handler.
    validatorOptions: { validateSecurity: false },
  });
  router.use(express.json({ limit: '1mb' }));

  async function allowed(req: AnyRequest, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not use ${permission.name}`);
    }
    return credentials;
  }

  /** The caller of a recommendations query, who must hold its read permission. */
  async function caller(req: AnyRequest): Promise<Caller> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const decisions = await callerDecisions.of(credentials);
    if (decisions.read !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not use ${recommendationReadPermission.name}`,
      );
    }
    return { credentials, decisions };
  }

  const readPermissionOf = (kind: Ranked['kind']) =>
    kind === 'component' ? aiComponentReadPermission : workflowReadPermission;

  /**
   * Keeps the results the caller may read (the ai-components or workflows
   * read permission of each, conditions included), best first, up to limit.
   * The caller's decision per kind of result comes first: when it may read
   * every component (or workflow), or none, no result needs a check of its
   * own; only a conditional decision (such as "owned by me") is evaluated
   * result by result, by the permission backend, on every request.
   */
  async function readable(
    { credentials, decisions }: Caller,
    ranked: Ranked[],
    limit: number,
  ): Promise<Ranked[]> {
    const verdict = new Map<Ranked['kind'], AuthorizeResult>([
      ['component', decisions.component],
      ['workflow', decisions.workflow],
    ]);
    const candidates = ranked.filter(
      r => verdict.get(r.kind) !== AuthorizeResult.DENY,
    );
    const kept: Ranked[] = [];
    for (
      let i = 0;
      i < candidates.length && kept.length < limit;
      i += limit * 2
    ) {
      const chunk = candidates.slice(i, i + limit * 2);
      const conditional = chunk.filter(
        r => verdict.get(r.kind) === AuthorizeResult.CONDITIONAL,
      );
      const perResult =
        conditional.length > 0
          ? await permissions.authorize(
              conditional.map(r => ({
                permission: readPermissionOf(r.kind),
                resourceRef: r.ref,
              })),
              { credentials },
            )
          : [];
      const allowedRefs = new Set(
        conditional
          .filter((_, j) => perResult[j].result === AuthorizeResult.ALLOW)
          .map(r => r.ref),
      );
      for (const r of chunk) {
        if (
          verdict.get(r.kind) === AuthorizeResult.ALLOW ||
          allowedRefs.has(r.ref)
        ) {
          kept.push(r);
        }
      }
    }
    return kept.slice(0, limit);
  }

  const toComponent = (r: Ranked) => ({
    ref: r.ref,
    namespace: r.namespace,
    name: r.name,
    title: r.title,
    description: r.description,
    type: r.type as AiComponentSummary['type'],
    owner: r.owner,
    tags: r.tags,
    runtimeType: r.runtimeType,
    score: r.score,
    reasons: r.reasons,
    metrics: r.metrics,
  });

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ status: 'ok' });
  });

  router.get('/components/:namespace/:name/similar', async (req, res) => {
    const who = await caller(req);
    const { namespace, name } = req.params;
    const ref = `aicomponent:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const [source] = await readable(
      who,
      [{ kind: 'component', ref } as Ranked],
      1,
    );
    if (!source) throw new NotFoundError(`No component ${ref}`);
    // A component created since the last sync has no neighbours yet.
    const ranked = index.components.has(ref)
      ? await similarComponents(index, ref, {
          sameType: req.query.sameType,
          cheaper: req.query.cheaper,
          faster: req.query.faster,
        })
      : [];
    const items = await readable(who, ranked, req.query.limit ?? DEFAULT_LIMIT);
    res.json({ ref, items: items.map(toComponent) });
  });

  router.post('/next-steps', async (req, res) => {
    const who = await caller(req);
    const { document, stepId, limit } = req.body;
    const result = nextSteps(index, document, stepId);
    const items = await readable(who, result.items, limit ?? DEFAULT_LIMIT);
    res.json({ stepId: result.stepId, items: items.map(toComponent) });
  });

  router.get('/search', async (req, res) => {
    const who = await caller(req);
    const q = req.query.q.trim();
    if (!q) throw new InputError('q: must contain more than whitespace');
    const types = req.query.type
      ? ([] as string[]).concat(req.query.type)
      : undefined;
    if (types?.length && req.query.kind === 'workflow') {
      throw new InputError('type: filters components; not with kind=workflow');
    }
    const ranked = await search(index, q, { kind: req.query.kind, types });
    const items = await readable(who, ranked, req.query.limit ?? DEFAULT_LIMIT);
    res.json({
      query: q,
      items: items.map(r => ({ ...toComponent(r), kind: r.kind })),
    });
  });

  router.get('/status', async (req, res) => {
    await caller(req);
    const counts = await index.count();
    res.json({
      backend: index.index.backend,
      collection: index.index.collection,
      embedder: {
        provider: index.embedder.provider,
        model: index.embedder.model,
        dimensions: await index.embedder.dimensions(),
      },
      components: counts.component,
      workflows: counts.workflow,
      refreshIntervalSeconds: options.refreshIntervalSeconds,
      lastSyncAt: index.lastSyncAt?.toISOString(),
      lastSyncError: index.lastSyncError,
    });
  });

  router.post('/reindex', async (req, res) => {
    await allowed(req, recommendationIndexManagePermission);
    const event = await auditor.createEvent({
      eventId: 'recommendations-reindex',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const result = await index.sync();
      await event.success({ meta: { ...result } });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}

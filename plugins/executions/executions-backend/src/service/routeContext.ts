import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { ExecutionStore } from '@ai-ops/plugin-executions-node';
import { spec } from '../schema/openapi.generated';
import { ExecutionRunner } from '../temporal/TemporalRunner';
import { AnyRequest, ExecutionAccess } from './access';
import { ExecutionStarter } from './ExecutionStarter';
import { WorkflowResolver } from './WorkflowResolver';

/** The router typed from the contract. */
export type ExecutionsRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/** What every group of routes works with. */
export interface RouteContext {
  router: ExecutionsRouter;
  store: ExecutionStore;
  access: ExecutionAccess;
  starter: ExecutionStarter;
  runner: ExecutionRunner;
  resolver: WorkflowResolver;
  userInfo: UserInfoService;
}

/** A repeated query parameter arrives as a string when given once. */
export const asList = <T extends string>(value: T | T[] | undefined) =>
  value === undefined ? undefined : ([] as T[]).concat(value);

/** The Idempotency-Key header, if the request has one. */
export function idempotencyKeyOf(req: AnyRequest): string | undefined {
  const value = req.headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  return key?.trim() || undefined;
}

/** A run; 404 when there is none. */
export async function existingRun(store: ExecutionStore, id: string) {
  const run = await store.get(id);
  if (!run) throw new NotFoundError(`No run '${id}'`);
  return run;
}

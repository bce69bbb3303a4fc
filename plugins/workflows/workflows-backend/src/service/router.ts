import {
  AuditorService,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express, { Router } from 'express';
import { spec } from '../schema/openapi.generated';
import { WorkflowStore } from '../database/types';
import { WorkflowAccess } from './access';
import { ComponentResolver } from './componentResolver';
import { assertValid, toStoredDocument } from './documentInput';
import { addLabelAndTriggerRoutes } from './labelAndTriggerRoutes';
import { RouteContext } from './routeContext';
import { DocumentValidator } from './validation';
import { addVersionRoutes } from './versionRoutes';
import { addWorkflowRoutes } from './workflowRoutes';

/** Largest accepted request body; a larger one gets a 413. */
export const MAX_BODY_SIZE = '512kb';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  auditor: AuditorService;
  store: WorkflowStore;
  components: ComponentResolver;
}

/**
 * The HTTP API of workflows, typed and validated from
 * `src/schema/openapi.yaml`. Every handler checks credentials and a
 * permission through `WorkflowAccess`; every mutation is audited.
 *
 * @internal
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { store } = options;
  const access = new WorkflowAccess(options);
  const validator = new DocumentValidator({
    components: options.components,
    store,
    canRead: (credentials, keys) => access.canRead(credentials, keys),
  });
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // Credentials are checked in every handler, not by the validator.
    validatorOptions: { validateSecurity: false },
  });

  const validDocument: RouteContext['validDocument'] = async (
    input,
    credentials,
    key,
  ) =>
    toStoredDocument(
      assertValid(await validator.validate(input.raw, credentials)),
      key,
    );
  const ctx: RouteContext = {
    router,
    store,
    access,
    validator,
    validDocument,
    newVersion: async (input, credentials, key) => ({
      document: await validDocument(input, credentials, key),
      sourceYaml: input.sourceYaml,
      message: input.message,
    }),
  };
  addWorkflowRoutes(ctx);
  addVersionRoutes(ctx);
  addLabelAndTriggerRoutes(ctx);

  // The body limit applies before the validated router, whose own parser
  // would turn an oversized body into a 400; this way it stays a 413.
  const outer = Router();
  outer.use(express.json({ limit: MAX_BODY_SIZE }));
  outer.use(router);
  return outer;
}

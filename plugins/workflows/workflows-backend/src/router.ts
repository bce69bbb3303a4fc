import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { spec } from './schema/openapi.generated';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
}

/**
 * The HTTP API (from `schema/openapi.yaml`) of the workflows capability.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth } = options;
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // Credentials are checked by httpAuth in every handler.
    validatorOptions: { validateSecurity: false },
  });

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ status: 'ok' });
  });

  return router;
}

import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { executionsPlugin } from './plugin';

describe('executionsPlugin', () => {
  it('serves /health and publishes its permissions', async () => {
    const { server } = await startTestBackend({ features: [executionsPlugin] });
    await request(server)
      .get('/api/executions/health')
      .expect(200, { status: 'ok' });
    const res = await request(server).get(
      '/api/executions/.well-known/backstage/permissions/metadata',
    );
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['executions.execution.read']),
    );
  });
});

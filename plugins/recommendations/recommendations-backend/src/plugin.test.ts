import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { recommendationsPlugin } from './plugin';

describe('recommendationsPlugin', () => {
  it('serves /health and publishes its permissions', async () => {
    const { server } = await startTestBackend({
      features: [recommendationsPlugin],
    });
    await request(server)
      .get('/api/recommendations/health')
      .expect(200, { status: 'ok' });
    const res = await request(server).get(
      '/api/recommendations/.well-known/backstage/permissions/metadata',
    );
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['recommendations.recommendation.read']),
    );
  });
});

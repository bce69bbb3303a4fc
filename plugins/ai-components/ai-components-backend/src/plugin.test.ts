import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { aiComponentsPlugin } from './plugin';

const owned = (name: string, owner: string) => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIComponent',
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

describe('aiComponentsPlugin', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        aiComponentsPlugin,
        catalogServiceMock.factory({
          entities: [
            owned('gpt-4o-chat', 'group:default/team-a'),
            owned('other', 'group:default/team-b'),
          ],
        }),
      ],
    });
    return server;
  }

  it('serves /health', async () => {
    const server = await start();
    await request(server)
      .get('/api/ai-components/health')
      .expect(200, { status: 'ok' });
  });

  it('publishes its permissions and the IS_OWNER rule', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/ai-components/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'ai-components.component.create',
        'ai-components.component.update',
      ]),
    );
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_OWNER',
        resourceType: 'ai-component',
      }),
    ]);
  });

  it('applies the ownership condition to catalog entities', async () => {
    const server = await start();
    const conditions = {
      rule: 'IS_OWNER',
      resourceType: 'ai-component',
      params: { claims: ['user:default/alice', 'group:default/team-a'] },
    };
    const res = await request(server)
      .post(
        '/api/ai-components/.well-known/backstage/permissions/apply-conditions',
      )
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: [
          {
            id: '1',
            resourceType: 'ai-component',
            resourceRef: 'aicomponent:default/gpt-4o-chat',
            conditions,
          },
          {
            id: '2',
            resourceType: 'ai-component',
            resourceRef: 'aicomponent:default/other',
            conditions,
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: '1', result: 'ALLOW' },
      { id: '2', result: 'DENY' },
    ]);
  });
});

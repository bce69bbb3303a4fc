import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { createRouter } from './router';

describe('createRouter', () => {
  let app: express.Express;

  beforeEach(async () => {
    app = express();
    app.use(await createRouter({ httpAuth: mockServices.httpAuth() }));
    app.use(mockErrorHandler());
  });

  it('answers /health for a user and for a service', async () => {
    await request(app).get('/health').expect(200, { status: 'ok' });
    await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.service.header())
      .expect(200, { status: 'ok' });
  });

  it('refuses /health without credentials', async () => {
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });
});

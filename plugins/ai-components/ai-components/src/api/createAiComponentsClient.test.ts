import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  createAiComponentsClient,
  errorMessage,
} from './createAiComponentsClient';

const baseUrl = 'http://localhost:7007/api/ai-components';

/** Like the app's fetch: each middleware builds a Request from its input. */
const middlewareFetch = async (
  input: RequestInfo | URL,
  init?: RequestInit,
) => {
  const resolved = new Request(input, init);
  const withAuth = new Request(input, init);
  withAuth.headers.set('authorization', 'Bearer token');
  expect(resolved.url).toBe(withAuth.url);
  return fetch(withAuth);
};

describe('createAiComponentsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = createAiComponentsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: middlewareFetch },
  });

  it('sends request bodies through fetch middlewares', async () => {
    server.use(
      http.post(`${baseUrl}/components/default/x/invoke`, async ({ request }) =>
        HttpResponse.json({
          revision: 1,
          output: {
            body: await request.json(),
            auth: request.headers.get('authorization'),
          },
          usage: { inputTokens: 0, outputTokens: 0 },
          costUsd: 0,
          latencyMs: 1,
        }),
      ),
    );
    const result = await client.invoke(
      { namespace: 'default', name: 'x' },
      { input: { text: 'hi' } },
    );
    expect(result.output).toEqual({
      body: { input: { text: 'hi' } },
      auth: 'Bearer token',
    });
  });

  it("keeps the server's message of a refused request", async () => {
    server.use(
      http.post(`${baseUrl}/components`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'name: must match pattern' },
            request: { method: 'POST', url: '/components' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client
      .createComponent({ name: 'Bad' } as any)
      .catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(errorMessage(error)).toBe('name: must match pattern');
  });
});

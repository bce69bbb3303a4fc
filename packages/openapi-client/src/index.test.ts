import { openApiClient, unwrap } from './index';

type Paths = {
  '/things/{id}': {
    parameters: { query?: never; header?: never; path: { id: string } };
    get: {
      parameters: { query?: never; header?: never; path: { id: string } };
      requestBody?: never;
      responses: {
        200: {
          headers: Record<string, unknown>;
          content: { 'application/json': { id: string } };
        };
      };
    };
    put: {
      parameters: { query?: never; header?: never; path: { id: string } };
      requestBody: { content: { 'application/json': { name: string } } };
      responses: {
        200: {
          headers: Record<string, unknown>;
          content: { 'application/json': { id: string; name: string } };
        };
      };
    };
  };
};

describe('openApiClient', () => {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  let next: Response;
  let baseUrl = 'http://backstage/api/things';
  const client = openApiClient<Paths>({
    getBaseUrl: async () => baseUrl,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return next;
    },
  });
  const reply = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  beforeEach(() => {
    calls.length = 0;
  });

  it('passes a request on as a URL and a plain init, the body as text', async () => {
    next = reply(200, { id: 'a b', name: 'n' });
    const api = await client();
    await expect(
      unwrap(
        api.PUT('/things/{id}', {
          params: { path: { id: 'a b' } },
          body: { name: 'n' },
        }),
      ),
    ).resolves.toEqual({ id: 'a b', name: 'n' });
    expect(calls[0].url).toBe('http://backstage/api/things/things/a%20b');
    expect(calls[0].init?.method).toBe('PUT');
    expect(typeof calls[0].init?.body).toBe('string');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ name: 'n' });
    expect(new Headers(calls[0].init?.headers).get('content-type')).toBe(
      'application/json',
    );
  });

  it('sends no body with a GET, at the base URL discovery gives for each client', async () => {
    next = reply(200, { id: 'x' });
    baseUrl = 'http://elsewhere/api/things';
    await unwrap(
      (await client()).GET('/things/{id}', { params: { path: { id: 'x' } } }),
    );
    expect(calls[0].url).toBe('http://elsewhere/api/things/things/x');
    expect(calls[0].init?.method).toBe('GET');
    expect(calls[0].init?.body).toBeUndefined();
  });

  it('turns an error status into a ResponseError that keeps the server message', async () => {
    next = reply(400, {
      error: { name: 'InputError', message: 'name: must be a string' },
      request: { method: 'PUT', url: '/things/x' },
      response: { statusCode: 400 },
    });
    const api = await client();
    await expect(
      api.PUT('/things/{id}', {
        params: { path: { id: 'x' } },
        body: { name: 'n' },
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: { error: { message: 'name: must be a string' } },
    });
  });
});

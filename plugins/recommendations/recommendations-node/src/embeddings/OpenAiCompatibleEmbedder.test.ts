import http from 'node:http';
import { AddressInfo } from 'node:net';
import { OpenAiCompatibleEmbedder } from './OpenAiCompatibleEmbedder';

/**
 * A local server speaking the OpenAI embeddings wire protocol (the hosted
 * providers are not reachable from tests): POST /v1/embeddings.
 */
function startServer(dimensions: number) {
  const requests: Array<{ headers: http.IncomingHttpHeaders; body: any }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw);
      requests.push({ headers: req.headers, body });
      if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      if (body.model === 'missing') {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model not found' } }));
        return;
      }
      const data = (body.input as string[])
        .map((text, index) => ({
          object: 'embedding',
          index,
          embedding: Array.from({ length: dimensions }, (_, i) =>
            i === text.length % dimensions ? 1 : 0,
          ),
        }))
        .reverse();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: body.model }));
    });
  });
  return new Promise<{ url: string; requests: typeof requests; close(): void }>(
    resolve =>
      server.listen(0, '127.0.0.1', () =>
        resolve({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
          requests,
          close: () => server.close(),
        }),
      ),
  );
}

describe('OpenAiCompatibleEmbedder', () => {
  it('posts batches to /embeddings with the key and keeps the input order', async () => {
    const server = await startServer(8);
    try {
      const embedder = new OpenAiCompatibleEmbedder({
        baseUrl: `${server.url}/`,
        model: 'text-embedding-3-small',
        apiKey: 'sk-test',
        batchSize: 2,
      });
      const vectors = await embedder.embed(['a', 'bb', 'ccc']);
      expect(vectors.map(v => v.indexOf(1))).toEqual([1, 2, 3]);
      expect(await embedder.dimensions()).toBe(8);
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0].headers.authorization).toBe('Bearer sk-test');
      expect(server.requests[0].body).toMatchObject({
        model: 'text-embedding-3-small',
        input: ['a', 'bb'],
      });
    } finally {
      server.close();
    }
  });

  it('probes the dimensions with one call when not configured, and reports errors', async () => {
    const server = await startServer(4);
    try {
      const embedder = new OpenAiCompatibleEmbedder({
        baseUrl: server.url,
        model: 'small',
      });
      expect(await embedder.dimensions()).toBe(4);
      expect(server.requests[0].headers.authorization).toBeUndefined();
      const missing = new OpenAiCompatibleEmbedder({
        baseUrl: server.url,
        model: 'missing',
      });
      await expect(missing.embed(['x'])).rejects.toThrow(/404/);
    } finally {
      server.close();
    }
  });
});

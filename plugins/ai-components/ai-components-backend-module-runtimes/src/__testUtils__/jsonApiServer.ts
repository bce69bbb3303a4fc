import { IncomingMessage, ServerResponse } from 'node:http';
import { delay, listen, LocalServer, readBody } from './listen';

/**
 * A local JSON API for the `http` runtime:
 * - `GET /search?q=` answers `{ hits: [{ title }] }`,
 * - `* /echo/...` answers what it received (method, path, query, headers, body),
 * - `GET /private` requires `Authorization: Bearer <token>`,
 * - `GET /status/<code>` answers that status with `{ message }`,
 * - `GET /text` answers plain text, `GET /empty` 204,
 * - `GET /tickets.jsonl` answers JSON lines,
 * - `GET /slow` answers after 2 s.
 */
export async function startJsonApiServer(options: {
  token: string;
}): Promise<LocalServer> {
  function send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readBody(req);
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (url.pathname === '/search') {
      const q = url.searchParams.get('q') ?? '';
      send(res, 200, { hits: [{ title: `Result for ${q}` }] });
    } else if (url.pathname.startsWith('/echo')) {
      send(res, 200, {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text,
      });
    } else if (url.pathname === '/private') {
      if (req.headers.authorization === `Bearer ${options.token}`) {
        send(res, 200, { secret: 'data' });
      } else {
        send(res, 401, { message: 'missing or wrong token' });
      }
    } else if (status) {
      send(res, Number(status[1]), { message: `failed with ${status[1]}` });
    } else if (url.pathname === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello, not json');
    } else if (url.pathname === '/empty') {
      res.writeHead(204);
      res.end();
    } else if (url.pathname === '/tickets.jsonl') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(
        '{"text":"app crashes","label":"bug"}\n{"text":"refund?","label":"billing"}\n',
      );
    } else if (url.pathname === '/slow') {
      await delay(2000, req);
      send(res, 200, { slow: true });
    } else {
      send(res, 404, { message: 'not found' });
    }
  }

  return listen((req, res) => {
    handle(req, res).catch(e => send(res, 500, { message: String(e) }));
  });
}

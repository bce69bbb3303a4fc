import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the server received. */
export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

/**
 * A local server speaking the Anthropic Messages API (`POST /v1/messages`).
 * It checks `x-api-key` and `anthropic-version`, answers with text content
 * echoing the last user message, and has special models: `rate-limited`
 * (429), `overloaded` (529) and `slow` (answers after 2 s).
 */
export interface AnthropicServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function fail(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ type: 'error', error: { type, message } }));
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startAnthropicServer(options: {
  apiKey: string;
}): Promise<AnthropicServer> {
  const requests: RecordedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    requests.push({ path: req.url ?? '', headers: req.headers, body });

    if (req.method !== 'POST' || req.url !== '/v1/messages') {
      fail(res, 404, 'not_found_error', 'Not found');
      return;
    }
    if (req.headers['x-api-key'] !== options.apiKey) {
      fail(res, 401, 'authentication_error', 'invalid x-api-key');
      return;
    }
    if (req.headers['anthropic-version'] !== '2023-06-01') {
      fail(
        res,
        400,
        'invalid_request_error',
        'anthropic-version header is required',
      );
      return;
    }
    if (typeof body.max_tokens !== 'number') {
      fail(res, 400, 'invalid_request_error', 'max_tokens: Field required');
      return;
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      fail(
        res,
        400,
        'invalid_request_error',
        'messages: at least one message is required',
      );
      return;
    }
    if (body.model === 'rate-limited') {
      fail(
        res,
        429,
        'rate_limit_error',
        'Number of request tokens has exceeded your per-minute rate limit',
      );
      return;
    }
    if (body.model === 'overloaded') {
      fail(res, 529, 'overloaded_error', 'Overloaded');
      return;
    }
    if (body.model === 'slow') {
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, 2000);
        req.socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const last = body.messages[body.messages.length - 1];
    const text = `You said: ${last.content}`;
    const inputTokens =
      words(body.system ?? '') +
      body.messages.reduce(
        (n: number, m: any) => n + words(String(m.content)),
        0,
      );
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: `${body.model}-20241022`,
        content: [
          { type: 'text', text: text.slice(0, 10) },
          { type: 'text', text: text.slice(10) },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: words(text) },
      }),
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(e => fail(res, 500, 'api_error', String(e)));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

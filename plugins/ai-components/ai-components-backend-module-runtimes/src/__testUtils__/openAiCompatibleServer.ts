import { IncomingMessage, ServerResponse } from 'node:http';
import { delay, listen, LocalServer, readBody } from './listen';

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: any;
}

/** A function call the model asks for (`tool_calls`). */
export interface ToolCallReply {
  toolCalls: Array<{ name: string; arguments: string }>;
}

/** What the server answers to a chat completion: text, or tool calls. */
export type ChatReply = (request: {
  model: string;
  messages: Array<{ role: string; content: string }>;
  body: any;
}) => string | ToolCallReply;

/**
 * A local server speaking the OpenAI chat completions and embeddings wire
 * protocol, as OpenAI, vLLM and Ollama do.
 *
 * Models with special behaviour: `rate-limited` (429), `overloaded` (500),
 * `slow` (answers after 2 s). It requires `Authorization: Bearer <apiKey>`
 * on `/v1/...`, and on the Azure-style
 * `/openai/deployments/<name>/...` path an `api-key: <apiKey>` header and an
 * `api-version` query parameter.
 */
export interface OpenAiCompatibleServer extends LocalServer {
  /** Base URL of the `/v1` API. */
  baseUrl: string;
  /** Base URL of the Azure-style deployment `gpt-4o-deploy`. */
  azureBaseUrl: string;
  requests: RecordedRequest[];
  chatReply: ChatReply;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function error(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
) {
  send(res, status, { error: { message, type, param: null, code: null } });
}

const echoReply: ChatReply = ({ messages }) =>
  `Echo: ${messages[messages.length - 1]?.content ?? ''}`;

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startOpenAiCompatibleServer(options: {
  apiKey: string;
}): Promise<OpenAiCompatibleServer> {
  const requests: RecordedRequest[] = [];
  const state = { chatReply: echoReply };

  function chatCompletion(res: ServerResponse, body: any) {
    const messages = body.messages as Array<{ role: string; content: string }>;
    const reply = state.chatReply({ model: body.model, messages, body });
    const promptTokens = messages.reduce(
      (n, m) => n + words(String(m.content ?? '')),
      0,
    );
    if (typeof reply !== 'string') {
      const calls = reply.toolCalls.map((call, i) => ({
        id: `call_${requests.length}_${i}`,
        type: 'function',
        function: call,
      }));
      send(res, 200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: `${body.model}-2024-07-18`,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, tool_calls: calls },
            logprobs: null,
            finish_reason: 'tool_calls',
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: 5 * calls.length,
          total_tokens: promptTokens + 5 * calls.length,
        },
      });
      return;
    }
    const content = reply;
    send(res, 200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: `${body.model}-2024-07-18`,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: words(content),
        total_tokens: promptTokens + words(content),
      },
    });
  }

  function embeddings(res: ServerResponse, body: any) {
    const inputs: string[] =
      typeof body.input === 'string' ? [body.input] : body.input;
    const tokens = inputs.reduce((n, text) => n + words(text), 0);
    // Answer out of order, as the protocol allows: clients sort by index.
    const data = inputs
      .map((text, index) => ({
        object: 'embedding',
        index,
        embedding: [text.length, words(text), index],
      }))
      .reverse();
    send(res, 200, {
      object: 'list',
      data,
      model: body.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readBody(req);
    const body = text ? JSON.parse(text) : undefined;
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    });

    const azure = /^\/openai\/deployments\/gpt-4o-deploy(\/.*)$/.exec(
      url.pathname,
    );
    const v1 = /^\/v1(\/.*)$/.exec(url.pathname);
    const endpoint = azure?.[1] ?? v1?.[1];
    if (req.method !== 'POST' || !endpoint) {
      error(
        res,
        404,
        `Unknown request URL: ${req.method} ${url.pathname}`,
        'invalid_request_error',
      );
      return;
    }
    if (azure && !url.searchParams.get('api-version')) {
      error(res, 404, 'Resource not found', 'invalid_request_error');
      return;
    }
    const presented = azure
      ? req.headers['api-key']
      : req.headers.authorization?.replace(/^Bearer /, '');
    if (presented !== options.apiKey) {
      error(
        res,
        401,
        'Incorrect API key provided: sk-wr***ng.',
        'invalid_request_error',
      );
      return;
    }
    if (body.model === 'rate-limited') {
      error(res, 429, 'Rate limit reached for requests', 'requests');
      return;
    }
    if (body.model === 'overloaded') {
      error(
        res,
        500,
        'The server had an error while processing your request.',
        'server_error',
      );
      return;
    }
    if (body.model === 'slow') {
      await delay(2000, req);
    }
    if (endpoint === '/chat/completions') {
      if (!Array.isArray(body.messages) || body.messages.length === 0) {
        error(
          res,
          400,
          "'messages' must contain at least one message",
          'invalid_request_error',
        );
        return;
      }
      chatCompletion(res, body);
    } else if (endpoint === '/embeddings') {
      embeddings(res, body);
    } else {
      error(
        res,
        404,
        `Unknown request URL: POST ${url.pathname}`,
        'invalid_request_error',
      );
    }
  }

  const server = await listen((req, res) => {
    handle(req, res).catch(e => error(res, 500, String(e), 'server_error'));
  });
  return {
    ...server,
    baseUrl: `${server.url}/v1`,
    azureBaseUrl: `${server.url}/openai/deployments/gpt-4o-deploy`,
    requests,
    get chatReply() {
      return state.chatReply;
    },
    set chatReply(reply: ChatReply) {
      state.chatReply = reply;
    },
  };
}

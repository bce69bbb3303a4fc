// A local server speaking the OpenAI chat completions wire protocol, standing
// in for the third-party provider that cannot be reached from here. Like
// OpenAI, it echoes a wrong API key in its 401 message, so tests can check
// that the console never passes such an echo on.
import http from 'node:http';

export async function startOpenAiCompatibleServer({ apiKey }) {
  const calls = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const send = (status, payload) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      calls.push({
        path: req.url,
        authorization: req.headers.authorization,
        // The W3C trace context the caller sent (the console traces fetch).
        traceparent: req.headers.traceparent,
      });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(404, {
          error: {
            message: `Unknown path ${req.url}`,
            type: 'invalid_request_error',
          },
        });
        return;
      }
      const presented = (req.headers.authorization ?? '').replace(
        /^Bearer /,
        '',
      );
      if (presented !== apiKey) {
        send(401, {
          error: {
            message: `Incorrect API key provided: ${presented}. You can find your API key in your account settings.`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        });
        return;
      }
      const request = JSON.parse(body);
      const lastMessage = request.messages.at(-1).content;
      if (lastMessage === 'please rate limit me') {
        send(429, {
          error: {
            message: 'Rate limit reached for requests',
            type: 'requests',
          },
        });
        return;
      }
      send(200, {
        id: 'chatcmpl-local-1',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: `${request.model}-2024-07-18`,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: `echo: ${lastMessage}` },
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 500,
          total_tokens: 1500,
        },
      });
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
    calls,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

// A small HTTP client for integration tests: binds to a chosen loopback
// address (rate limits are per client address), keeps cookies per origin and
// never follows redirects on its own.
import http from 'node:http';
import net from 'node:net';

export class CookieJar {
  #byOrigin = new Map();

  store(url, setCookieHeaders) {
    const origin = new URL(url).origin;
    const jar = this.#byOrigin.get(origin) ?? new Map();
    for (const header of setCookieHeaders ?? []) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(a => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.#byOrigin.set(origin, jar);
  }

  header(url) {
    const jar = this.#byOrigin.get(new URL(url).origin);
    if (!jar || jar.size === 0) return undefined;
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * One HTTP request. Resolves with { status, headers, text, json() }.
 */
export function request(url, options = {}) {
  const { method = 'GET', headers = {}, body, localAddress, jar } = options;
  const target = new URL(url);
  const allHeaders = { ...headers };
  const cookie = jar?.header(url);
  if (cookie) allHeaders.cookie = cookie;
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string') {
      payload = body;
    } else if (body instanceof URLSearchParams) {
      payload = body.toString();
      allHeaders['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      payload = JSON.stringify(body);
      allHeaders['content-type'] = 'application/json';
    }
    allHeaders['content-length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        headers: allHeaders,
        localAddress,
        agent: false,
      },
      res => {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          jar?.store(url, res.headers['set-cookie']);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A random address in 127.0.0.0/8, so that runs never share rate-limit counters. */
export function randomLoopbackAddress() {
  const byte = () => 2 + Math.floor(Math.random() * 250);
  return `127.${byte()}.${byte()}.${byte()}`;
}

export async function waitFor(
  what,
  check,
  { timeoutMs = 120_000, intervalMs = 500 } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `Timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
  );
}

/** A TCP port that is free on the loopback interface right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { RuntimeError } from './errors';
import { makeInvoker, rejection } from './__testUtils__/testRuntimes';

describe('createComponentInvoker failures', () => {
  const invoker = makeInvoker();

  it('classifies an unknown runtime and an invalid config', async () => {
    const unknown = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'nope', config: {} },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(unknown.code).toBe('UnknownRuntime');
    expect(unknown.retryable).toBe(false);

    const invalid = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'echo', config: { delay: 1 } },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(invalid.code).toBe('InvalidConfig');
    expect(invalid.message).toContain(
      "runtime.config must NOT have additional property 'delay'",
    );
  });

  it('classifies a broken inputSchema as InvalidConfig', async () => {
    const error = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'echo', config: {} },
          inputSchema: { type: 'strnig' },
          outputSchema: {},
        },
        1,
      ),
    );
    expect(error.code).toBe('InvalidConfig');
    expect(error.message).toContain('inputSchema is not a valid JSON Schema');
  });

  it('times out a runtime that honours the signal', async () => {
    const started = Date.now();
    const error = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'echo', config: { delayMs: 5000 } },
          inputSchema: {},
          outputSchema: {},
          timeoutMs: 50,
        },
        1,
      ),
    );
    expect(error.code).toBe('Timeout');
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a runtime that ignores the signal', async () => {
    const quick = makeInvoker({ defaultTimeoutMs: 50 });
    const error = await rejection(
      quick.invoke(
        {
          runtime: { type: 'stubborn', config: {} },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(error.code).toBe('Timeout');
    expect(error.message).toBe('The invocation did not finish within 50 ms');
  });

  it("rejects with the caller's reason when cancelled", async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const pending = invoker.invoke(
      {
        runtime: { type: 'echo', config: { delayMs: 5000 } },
        inputSchema: {},
        outputSchema: {},
      },
      1,
      { signal: controller.signal },
    );
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('classifies a refused connection as a retryable ConnectionError', async () => {
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise(resolve => server.close(resolve));

    const error = await rejection(
      invoker.invoke(
        {
          runtime: {
            type: 'fetcher',
            config: { url: `http://127.0.0.1:${port}/` },
          },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(error.code).toBe('ConnectionError');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('passes RuntimeErrors through and rethrows other errors as they are', async () => {
    const classified = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'failing', config: { kind: 'classified' } },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(classified).toMatchObject({
      code: 'RateLimited',
      status: 429,
      retryable: true,
    });

    const bug = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'failing', config: {} },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(bug).not.toBeInstanceOf(RuntimeError);
    expect(bug.message).toBe('a bug in the runtime');
  });

  it('shares the timeout with nested invocations', async () => {
    const error = await rejection(
      invoker.invoke(
        {
          runtime: {
            type: 'composite',
            config: { nested: { type: 'echo', config: { delayMs: 5000 } } },
          },
          inputSchema: {},
          outputSchema: {},
          timeoutMs: 50,
        },
        'x',
      ),
    );
    expect(error.code).toBe('Timeout');
  });

  it('resolves secrets and converts a missing one to SecretNotFound', async () => {
    await expect(
      invoker.invoke(
        {
          runtime: { type: 'secret-reader', config: { secretRef: 'api-key' } },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    ).resolves.toMatchObject({ output: { length: 11 } });
    const missing = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'secret-reader', config: { secretRef: 'gone' } },
          inputSchema: {},
          outputSchema: {},
        },
        1,
      ),
    );
    expect(missing.code).toBe('SecretNotFound');
    expect(missing.retryable).toBe(false);
  });
});

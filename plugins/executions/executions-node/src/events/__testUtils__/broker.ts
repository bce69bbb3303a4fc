import net from 'node:net';

// The machine's RabbitMQ; tests use exchanges and queues of their own.
export const BROKER = { host: '127.0.0.1', port: 5672 };
export const BROKER_URL = `amqp://guest:guest@${BROKER.host}:${BROKER.port}`;

/**
 * A loopback TCP proxy in front of the broker that can drop every connection
 * and refuse new ones, as a broker restart or a network cut would.
 */
export async function startProxy() {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer(client => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(BROKER);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` every 50 ms until it holds; fails after 30 s. */
export const until = async (
  what: string,
  check: () => boolean | Promise<boolean>,
) => {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
};

import type { WebSocketLink } from 'msw';
import type { SetupServer } from 'msw/node';
import { waitFor } from '@testing-library/react';
import { signalsLink } from './renderPage';

type Client = Parameters<
  Parameters<WebSocketLink['addEventListener']>[1]
>[0]['client'];

/**
 * The signals backend of a test: records the channels browsers subscribe
 * to over the (msw) WebSocket and pushes messages on them, in the signals
 * backend's wire format (`{ channel, message }`).
 */
export function useSignalsServer(server: SetupServer) {
  const clients: Array<{ client: Client; channels: Set<string> }> = [];
  const handler = signalsLink.addEventListener('connection', ({ client }) => {
    const entry = { client, channels: new Set<string>() };
    clients.push(entry);
    client.addEventListener('message', event => {
      const message = JSON.parse(String(event.data));
      if (message.action === 'subscribe') entry.channels.add(message.channel);
      if (message.action === 'unsubscribe') {
        entry.channels.delete(message.channel);
      }
    });
  });
  return {
    /** Adds the WebSocket handler to the server (call in each test). */
    listen() {
      clients.length = 0;
      server.use(handler);
    },
    /** Waits until a browser subscribed to the channel. */
    async subscribed(channel: string) {
      await waitFor(() =>
        expect(clients.some(c => c.channels.has(channel))).toBe(true),
      );
    },
    /** Pushes a message to every browser subscribed to the channel. */
    push(channel: string, message: unknown) {
      for (const { client, channels } of clients) {
        if (channels.has(channel)) {
          client.send(JSON.stringify({ channel, message }));
        }
      }
    },
  };
}

import { useEffect, useRef } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';

/**
 * Calls `onMessage` with every message of a signal channel (unlike
 * `useSignal`, which keeps only the newest, none is dropped when several
 * arrive between two renders). Does nothing when the app has no signals.
 *
 * @returns whether signals are available.
 */
export function useSignalSubscription<T>(
  channel: string | undefined,
  onMessage: (message: T) => void,
): boolean {
  const signals = useApiHolder().get(signalApiRef);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (!signals || !channel) return undefined;
    const subscription = signals.subscribe(channel, message =>
      handler.current(message as unknown as T),
    );
    return () => subscription.unsubscribe();
  }, [signals, channel]);
  return !!signals;
}

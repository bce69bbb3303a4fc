import { Config } from '@backstage/config';
import { DEFAULT_TASK_QUEUE } from '@ai-ops/plugin-executions-workflows';

/**
 * Where the Temporal cluster is and how to reach it: a local server (the
 * default, started by scripts/services/temporal.sh), a self-hosted cluster
 * with mTLS, or Temporal Cloud with mTLS or an API key.
 *
 * @public
 */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: {
    serverName?: string;
    serverRootCACertificate?: string;
    clientCertificate?: string;
    clientKey?: string;
  };
  apiKey?: string;
}

/** Reads `temporal.*` from app-config. @public */
export function readTemporalSettings(config: Config): TemporalSettings {
  const temporal = config.getOptionalConfig('temporal');
  const tls = temporal?.getOptionalConfig('tls');
  return {
    address: temporal?.getOptionalString('address') ?? '127.0.0.1:7233',
    namespace: temporal?.getOptionalString('namespace') ?? 'ai-ops',
    taskQueue: temporal?.getOptionalString('taskQueue') ?? DEFAULT_TASK_QUEUE,
    tls: tls
      ? {
          serverName: tls.getOptionalString('serverName'),
          serverRootCACertificate: tls.getOptionalString(
            'serverRootCACertificate',
          ),
          clientCertificate: tls.getOptionalString('clientCertificate'),
          clientKey: tls.getOptionalString('clientKey'),
        }
      : undefined,
    apiKey: temporal?.getOptionalString('apiKey'),
  };
}

/**
 * Connection options shared by the client (`Connection.connect`) and the
 * worker (`NativeConnection.connect`): TLS when configured (or implied by an
 * API key, as Temporal Cloud requires), the API key as bearer metadata.
 *
 * @public
 */
export function connectionOptions(settings: TemporalSettings) {
  const { tls } = settings;
  const useTls = !!tls || !!settings.apiKey;
  return {
    address: settings.address,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    tls: useTls
      ? {
          serverNameOverride: tls?.serverName,
          serverRootCACertificate: tls?.serverRootCACertificate
            ? Buffer.from(tls.serverRootCACertificate)
            : undefined,
          clientCertPair:
            tls?.clientCertificate && tls?.clientKey
              ? {
                  crt: Buffer.from(tls.clientCertificate),
                  key: Buffer.from(tls.clientKey),
                }
              : undefined,
        }
      : undefined,
  };
}

import { CustomErrorBase } from '@backstage/errors';

/**
 * Why an invocation failed. Retryable codes are worth another attempt; the
 * others fail the same way again.
 *
 * @public
 */
export type RuntimeErrorCode =
  /** 429 from the provider. Retryable. */
  | 'RateLimited'
  /** 5xx from the provider. Retryable. */
  | 'ProviderUnavailable'
  /** The call took longer than its timeout. Retryable. */
  | 'Timeout'
  /** The provider could not be reached (DNS, refused, reset). Retryable. */
  | 'ConnectionError'
  /** Another 4xx from the provider (bad request, auth, not found). */
  | 'ProviderRejected'
  /** The input does not match the component's inputSchema. */
  | 'InputSchemaMismatch'
  /** The output does not match the component's outputSchema. */
  | 'OutputSchemaMismatch'
  /** The runtime config is invalid or cannot be applied to this input. */
  | 'InvalidConfig'
  /** A secret referenced by the runtime config does not exist. */
  | 'SecretNotFound'
  /** No runtime of the component's runtime type is installed. */
  | 'UnknownRuntime'
  /** The provider answered, but not in the shape the runtime expects. */
  | 'InvalidResponse';

const RETRYABLE: ReadonlySet<RuntimeErrorCode> = new Set([
  'RateLimited',
  'ProviderUnavailable',
  'Timeout',
  'ConnectionError',
]);

/**
 * A classified failure of a component invocation.
 *
 * @public
 */
export class RuntimeError extends CustomErrorBase {
  name = 'RuntimeError' as const;
  readonly code: RuntimeErrorCode;
  readonly retryable: boolean;
  /** The HTTP status of the provider's answer, when there was one. */
  readonly status?: number;

  constructor(
    code: RuntimeErrorCode,
    message: string,
    options?: { status?: number; cause?: Error | unknown },
  ) {
    super(message, options?.cause);
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    this.status = options?.status;
  }
}

/**
 * Classifies a non-2xx HTTP status: 429 and 5xx are retryable, every other
 * status is a rejection that will not change on retry.
 *
 * @public
 */
export function runtimeErrorCodeForStatus(status: number): RuntimeErrorCode {
  if (status === 429) return 'RateLimited';
  if (status >= 500) return 'ProviderUnavailable';
  return 'ProviderRejected';
}

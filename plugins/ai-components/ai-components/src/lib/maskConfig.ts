/** Keys whose values may be secrets and are never shown. */
export const SECRET_KEY_PATTERN = /key|token|secret|password/i;

/** Keys that name a stored secret (a reference, not the value). */
const SECRET_REF_KEY_PATTERN = /^(secretRef|secretName)$|SecretRef$/;

/** What replaces a masked value. */
export const MASKED_VALUE = '••••••••';

/**
 * A copy of a runtime config that is safe to show: secret references (for
 * example `secretRef: openai-api-key`) become `secret: openai-api-key`, and
 * every other non-empty scalar whose key looks like a secret
 * ({@link SECRET_KEY_PATTERN}) is masked. Objects and arrays are walked.
 *
 * @public
 */
export function maskRuntimeConfig(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    return value.map(item => maskRuntimeConfig(item, key));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskRuntimeConfig(v, k)]),
    );
  }
  if (key !== undefined && typeof value === 'string' && value !== '') {
    if (SECRET_REF_KEY_PATTERN.test(key)) return `secret: ${value}`;
  }
  if (
    key !== undefined &&
    SECRET_KEY_PATTERN.test(key) &&
    (typeof value === 'string' || typeof value === 'number') &&
    value !== ''
  ) {
    return MASKED_VALUE;
  }
  return value ?? null;
}

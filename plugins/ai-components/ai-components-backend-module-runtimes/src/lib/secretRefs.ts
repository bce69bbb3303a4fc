import { JsonObject } from '@backstage/types';
import { renderString } from './template';

/** A secret a config names, with the JSON pointer of the reference. */
export type SecretRef = { path: string; name: string };

/** A JSON pointer token (RFC 6901: `~` and `/` escaped). */
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** `secretRef: NAME` at `pointer` (default `/secretRef`), when set. */
export function secretRefField(
  config: JsonObject | undefined,
  pointer = '/secretRef',
): SecretRef[] {
  const name = config?.secretRef;
  return typeof name === 'string' && name !== ''
    ? [{ path: pointer, name }]
    : [];
}

/** The `{{ secret:NAME }}` placeholders of header templates under `/headers`. */
export function headerSecretRefs(config: JsonObject): SecretRef[] {
  const headers = (config.headers ?? {}) as Record<string, unknown>;
  const found: SecretRef[] = [];
  for (const [header, template] of Object.entries(headers)) {
    if (typeof template !== 'string') continue;
    renderString(template, placeholder => {
      if (placeholder.kind === 'secret') {
        found.push({
          path: `/headers/${token(header)}`,
          name: placeholder.name,
        });
      }
      return '';
    });
  }
  return found;
}

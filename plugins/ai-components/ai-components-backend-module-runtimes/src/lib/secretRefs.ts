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

/** The names of the `{{ secret:NAME }}` placeholders in one template, in order. */
export function secretNamesIn(template: string): string[] {
  const names: string[] = [];
  renderString(template, placeholder => {
    if (placeholder.kind === 'secret') names.push(placeholder.name);
    return '';
  });
  return names;
}

/** The `{{ secret:NAME }}` placeholders of header templates under `/headers`. */
export function headerSecretRefs(config: JsonObject): SecretRef[] {
  const headers = (config.headers ?? {}) as Record<string, unknown>;
  return Object.entries(headers).flatMap(([header, template]) =>
    typeof template === 'string'
      ? secretNamesIn(template).map(name => ({
          path: `/headers/${token(header)}`,
          name,
        }))
      : [],
  );
}

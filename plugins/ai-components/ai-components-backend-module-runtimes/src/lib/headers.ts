import {
  RuntimeContext,
  RuntimeError,
} from '@ai-ops/plugin-ai-components-node';
import { JsonValue } from '@backstage/types';
import { toText } from './json';
import { secretNamesIn } from './secretRefs';
import { renderString, resolveInputPath } from './template';

/**
 * Renders header templates: `{{ path }}` inserts an input value, `{{
 * secret:NAME }}` a secret (read once each). Returns the headers (names in
 * lower case) and the secret values, which error messages must not show.
 * A value with a line break is refused as `InvalidConfig`.
 */
export async function renderHeaders(
  label: string,
  templates: Record<string, string>,
  input: JsonValue,
  context: RuntimeContext,
): Promise<{ headers: Record<string, string>; secrets: string[] }> {
  const secrets = new Map<string, string>();
  for (const name of Object.values(templates).flatMap(secretNamesIn)) {
    if (!secrets.has(name)) secrets.set(name, await context.getSecret(name));
  }
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    const value = renderString(template, placeholder =>
      placeholder.kind === 'secret'
        ? secrets.get(placeholder.name)!
        : toText(resolveInputPath(label, input, placeholder.path)),
    );
    if (/[\r\n\0]/.test(value)) {
      throw new RuntimeError(
        'InvalidConfig',
        `${label}: header '${name}' would contain a line break`,
      );
    }
    headers[name.toLowerCase()] = value;
  }
  return { headers, secrets: [...secrets.values()] };
}

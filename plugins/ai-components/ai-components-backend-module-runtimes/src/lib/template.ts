import { RuntimeError } from '@ai-ops/plugin-ai-components-node';
import { JsonValue } from '@backstage/types';
import { isJsonObject } from './json';

/** `{{ name }}`, `{{ a.b[0].c }}` or `{{ secret:NAME }}`. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([^{}]*?)\s*\}\}$/;
const SECRET_PREFIX = 'secret:';

/** A placeholder's expression, as written between the braces. */
export type Placeholder =
  | { kind: 'input'; path: string }
  | { kind: 'secret'; name: string };

function parsePlaceholder(expression: string): Placeholder {
  if (expression.startsWith(SECRET_PREFIX)) {
    return {
      kind: 'secret',
      name: expression.slice(SECRET_PREFIX.length).trim(),
    };
  }
  return { kind: 'input', path: expression };
}

/**
 * Reads a dotted path such as `customer.tags[0]` (or `customer.tags.0`) from
 * a JSON value; `undefined` when any step is missing.
 */
export function readPath(
  value: JsonValue,
  path: string,
): JsonValue | undefined {
  const steps = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(step => step !== '');
  let current: JsonValue | undefined = value;
  for (const step of steps) {
    if (Array.isArray(current) && /^\d+$/.test(step)) {
      current = current[Number(step)];
    } else if (isJsonObject(current) && Object.hasOwn(current, step)) {
      current = current[step];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Reads the input value a placeholder names; throws `InvalidConfig` naming
 * the placeholder when the input has no such value.
 */
export function resolveInputPath(
  label: string,
  input: JsonValue,
  path: string,
): JsonValue {
  const value = readPath(input, path);
  if (value === undefined) {
    throw new RuntimeError(
      'InvalidConfig',
      `${label}: the input has no value for the placeholder '{{ ${path} }}'`,
    );
  }
  return value;
}

/** Replaces every placeholder in a template with the text `render` gives. */
export function renderString(
  template: string,
  render: (placeholder: Placeholder) => string,
): string {
  return template.replace(PLACEHOLDER, (_match, expression: string) =>
    render(parsePlaceholder(expression)),
  );
}

/** The placeholder when the whole string is exactly one placeholder. */
export function wholePlaceholder(template: string): Placeholder | undefined {
  const match = WHOLE_PLACEHOLDER.exec(template);
  return match ? parsePlaceholder(match[1]) : undefined;
}

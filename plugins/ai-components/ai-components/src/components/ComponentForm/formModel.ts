import type {
  AiComponent,
  CreateAiComponentRequest,
} from '@ai-ops/plugin-ai-components-common';
import { parseJson } from '../../lib/json';
import { validateComponentRequest } from '../../lib/validation';

/** The text of every field of the form. */
export interface FormValues {
  name: string;
  title: string;
  description: string;
  type: string;
  owner: string;
  lifecycle: string;
  tags: string;
  version: string;
  changeNote: string;
  runtimeType: string;
  runtimeConfig: string;
  inputSchema: string;
  outputSchema: string;
}

/** A field of the form, or `form` for messages about no field of it. */
export type FormField = keyof FormValues | 'form';

/** A message per field of the form. */
export type FormErrors = Partial<Record<FormField, string>>;

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Values of a new component. */
export const emptyValues = (owner = ''): FormValues => ({
  name: '',
  title: '',
  description: '',
  type: '',
  owner,
  lifecycle: 'experimental',
  tags: '',
  version: '',
  changeNote: '',
  runtimeType: '',
  runtimeConfig: '{}',
  inputSchema: pretty({ type: 'object', properties: {} }),
  outputSchema: pretty({ type: 'object', properties: {} }),
});

/** Values of an existing component, to edit. */
export const valuesOf = (c: AiComponent): FormValues => ({
  name: c.name,
  title: c.title ?? '',
  description: c.description ?? '',
  type: c.type,
  owner: c.owner,
  lifecycle: c.lifecycle,
  tags: c.tags.join(', '),
  version: c.version,
  changeNote: '',
  runtimeType: c.spec.runtime.type,
  runtimeConfig: pretty(c.spec.runtime.config ?? {}),
  inputSchema: pretty(c.spec.inputSchema),
  outputSchema: pretty(c.spec.outputSchema),
});

const text = (value: string) => value.trim() || undefined;

/** Tags typed as `a, b c` (commas or spaces). */
export const splitTags = (value: string) =>
  value
    .split(/[\s,]+/)
    .map(t => t.trim())
    .filter(Boolean);

/** Validation keys of the API mapped to fields of the form. */
const FIELD_OF_KEY: Record<string, FormField> = {
  name: 'name',
  title: 'title',
  description: 'description',
  type: 'type',
  owner: 'owner',
  lifecycle: 'lifecycle',
  tags: 'tags',
  version: 'version',
  changeNote: 'changeNote',
  runtime: 'runtimeType',
  inputSchema: 'inputSchema',
  outputSchema: 'outputSchema',
};

/**
 * The request body the values make, and the messages of every field that
 * does not parse or breaks a rule of the API's request schema.
 */
export function toRequest(
  values: FormValues,
  mode: 'create' | 'update',
  existing?: AiComponent,
): { body: CreateAiComponentRequest; errors: FormErrors } {
  const errors: FormErrors = {};
  const json = (field: 'runtimeConfig' | 'inputSchema' | 'outputSchema') => {
    const parsed = parseJson(values[field], { objectOnly: true });
    if (parsed.ok) return parsed.value as Record<string, unknown>;
    errors[field] = parsed.error;
    return undefined;
  };
  const config = json('runtimeConfig');
  const body: Record<string, unknown> = {
    name: mode === 'create' ? text(values.name) : undefined,
    title: text(values.title),
    description: text(values.description),
    type: text(values.type),
    owner: text(values.owner),
    lifecycle: text(values.lifecycle),
    tags: splitTags(values.tags),
    version: text(values.version),
    changeNote: mode === 'update' ? text(values.changeNote) : undefined,
    runtime: values.runtimeType
      ? { type: values.runtimeType, config: config ?? {} }
      : undefined,
    inputSchema: json('inputSchema'),
    outputSchema: json('outputSchema'),
    // Fields the form does not edit are kept as they are.
    system: existing?.system,
    pricing: existing?.spec.pricing,
    dependsOn: existing?.spec.dependsOn,
  };
  for (const key of Object.keys(body)) {
    if (body[key] === undefined) delete body[key];
  }
  const invalid = validateComponentRequest(body, mode);
  for (const [key, message] of Object.entries(invalid)) {
    const field =
      key === 'runtime' && /^runtime\.config/.test(message ?? '')
        ? 'runtimeConfig'
        : FIELD_OF_KEY[key] ?? 'form';
    if (!errors[field]) errors[field] = message;
  }
  return { body: body as unknown as CreateAiComponentRequest, errors };
}

/**
 * The field a server message is about, e.g. `runtime.config: ...` is about
 * the runtime config, `request/body/name must match ...` about the name.
 */
export function fieldOfServerMessage(message: string): FormField {
  const match =
    /^(\w+)(?:\.(\w+))?(?:\[\d+\])?\s*:/.exec(message) ??
    /\/body\/(\w+)(?:\/(\w+))?/.exec(message);
  if (!match) return 'form';
  const [, key, child] = match;
  if (key === 'runtime') {
    return child === 'config' ? 'runtimeConfig' : 'runtimeType';
  }
  return FIELD_OF_KEY[key] ?? 'form';
}

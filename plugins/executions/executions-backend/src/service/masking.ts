/** What a masked value reads as. */
export const MASK = '********';

/**
 * Key endings that name a secret, compared without case, `-`, `_` or
 * spaces: `apiKey`, `x-api-key`, `openai_api_key`, `token`, `accessToken`,
 * `password`, `dbPassword`, `passwd`, `secret`, `clientSecret`,
 * `authorization`, `privateKey`, `credential(s)`, `cookie`. `maxTokens` and
 * `inputTokens` end in `tokens` and are not secrets; neither are names of
 * secrets such as `secretRef`.
 */
const SECRET_KEY_ENDINGS = [
  'apikey',
  'token',
  'password',
  'passwd',
  'secret',
  'authorization',
  'privatekey',
  'credential',
  'credentials',
  'cookie',
];

/** Whether a property name looks like it holds a secret. */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_\s]/g, '');
  return SECRET_KEY_ENDINGS.some(ending => normalized.endsWith(ending));
}

/** Strings that carry a credential whatever their key. */
const CREDENTIAL_VALUE = /^\s*(bearer|basic)\s+\S/i;

type JsonSchema = {
  writeOnly?: boolean;
  format?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema | JsonSchema[];
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema and the alternatives it combines, for property look-ups. */
function variants(schema: JsonSchema | undefined): JsonSchema[] {
  if (!isObject(schema)) return [];
  return [
    schema,
    ...[
      ...(schema.allOf ?? []),
      ...(schema.anyOf ?? []),
      ...(schema.oneOf ?? []),
    ]
      .filter(isObject)
      .flatMap(variants),
  ];
}

function propertySchema(
  schema: JsonSchema | undefined,
  key: string,
): JsonSchema | undefined {
  for (const variant of variants(schema)) {
    const property = variant.properties?.[key];
    if (isObject(property)) return property;
  }
  for (const variant of variants(schema)) {
    if (isObject(variant.additionalProperties)) {
      return variant.additionalProperties as JsonSchema;
    }
  }
  return undefined;
}

function itemSchema(
  schema: JsonSchema | undefined,
  index: number,
): JsonSchema | undefined {
  for (const variant of variants(schema)) {
    const items = variant.items;
    if (Array.isArray(items)) return items[index];
    if (isObject(items)) return items;
  }
  return undefined;
}

/** `writeOnly: true` or `format: password` in the schema or a variant of it. */
const isSecretSchema = (schema: JsonSchema | undefined) =>
  variants(schema).some(v => v.writeOnly === true || v.format === 'password');

/** What masking found: the masked copy and the JSON paths it replaced. */
export interface Masked {
  value: unknown;
  paths: string[];
}

/**
 * A copy of `value` with secrets replaced by {@link MASK}: values under a
 * secret-looking key ({@link isSecretKey}), strings that start with
 * `Bearer ` or `Basic `, and values the JSON Schema marks `writeOnly: true`
 * or `format: password` (followed through `properties`,
 * `additionalProperties`, `items`, `allOf`, `anyOf` and `oneOf`; not through
 * `$ref`). With `schema: 'unknown'` (it could not be read), every string is
 * masked.
 */
export function maskSecrets(
  value: unknown,
  path: string,
  schema?: JsonSchema | 'unknown',
): Masked {
  const paths: string[] = [];
  const maskAllStrings = schema === 'unknown';
  const walk = (
    current: unknown,
    at: string,
    currentSchema: JsonSchema | undefined,
  ): unknown => {
    if (current === null || current === undefined) return current;
    if (isSecretSchema(currentSchema)) {
      paths.push(at);
      return MASK;
    }
    if (typeof current === 'string') {
      if (maskAllStrings || CREDENTIAL_VALUE.test(current)) {
        paths.push(at);
        return MASK;
      }
      return current;
    }
    if (Array.isArray(current)) {
      return current.map((item, index) =>
        walk(item, `${at}[${index}]`, itemSchema(currentSchema, index)),
      );
    }
    if (isObject(current)) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(current)) {
        const childPath = `${at}.${key}`;
        if (isSecretKey(key) && child !== null && child !== undefined) {
          paths.push(childPath);
          copy[key] = MASK;
        } else {
          copy[key] = walk(
            child,
            childPath,
            propertySchema(currentSchema, key),
          );
        }
      }
      return copy;
    }
    return current;
  };
  const masked = walk(
    value,
    path,
    schema === 'unknown' ? undefined : (schema as JsonSchema | undefined),
  );
  return { value: masked, paths };
}

/** A log message with credentials after `Bearer `/`Basic ` masked. */
export const maskMessage = (message: string) =>
  message.replace(/\b(bearer|basic)\s+\S+/gi, `$1 ${MASK}`);

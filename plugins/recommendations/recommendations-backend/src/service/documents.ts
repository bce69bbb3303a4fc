import { createHash } from 'node:crypto';
import { ComponentRecord, WorkflowRecord } from './sources';

/** Splits `gpt-4o_mini.chat` into words for the text that is embedded. */
const words = (name: string) => name.replace(/[-_.:/]+/g, ' ');

/** Property names and descriptions of a JSON Schema (two levels deep). */
export function schemaFields(schema: unknown, depth = 0): string[] {
  if (!schema || typeof schema !== 'object' || depth > 1) return [];
  const properties = (schema as { properties?: Record<string, unknown> })
    .properties;
  if (!properties || typeof properties !== 'object') return [];
  return Object.entries(properties).flatMap(([name, value]) => {
    const description = (value as { description?: unknown })?.description;
    return [
      name,
      ...(typeof description === 'string' ? [description] : []),
      ...schemaFields(value, depth + 1),
    ];
  });
}

/** Top-level property names of a JSON Schema. */
export function schemaPropertyNames(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> })
    ?.properties;
  return properties && typeof properties === 'object'
    ? Object.keys(properties)
    : [];
}

/**
 * The text a component is embedded and keyword-searched by: its name and
 * title, description, type, tags, runtime type and the fields of its input
 * and output schemas.
 */
export function componentText(c: ComponentRecord): string {
  return [
    c.title ?? '',
    words(c.name),
    c.description ?? '',
    `type ${c.type}`,
    c.tags.length ? `tags ${c.tags.map(words).join(' ')}` : '',
    c.runtimeType ? `runtime ${words(c.runtimeType)}` : '',
    `input ${schemaFields(c.inputSchema).map(words).join(' ')}`,
    `output ${schemaFields(c.outputSchema).map(words).join(' ')}`,
  ]
    .filter(Boolean)
    .join('. ');
}

/** A workflow's text: name, title, description, tags, its steps and the components they use. */
export function workflowText(w: WorkflowRecord): string {
  return [
    w.title ?? '',
    words(w.name),
    w.description ?? '',
    w.tags.length ? `tags ${w.tags.map(words).join(' ')}` : '',
    `steps ${w.steps
      .map(s =>
        [
          words(s.id),
          s.name ?? '',
          s.description ?? '',
          s.component ? words(s.component.replace(/^[^/]*\//, '')) : '',
        ].join(' '),
      )
      .join('; ')}`,
  ]
    .filter(Boolean)
    .join('. ');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The parts of an entity ref such as `aicomponent:default/gpt-4o-chat`. */
export interface EntityKey {
  kind: string;
  namespace: string;
  name: string;
}

const ENTITY_REF = /^(?:([^:/@\s]+):)?(?:([^:/@\s]+)\/)?([^:/@\s]+)$/;

/**
 * Parses `kind:namespace/name`, `namespace/name` or `name`, filling in the
 * kind and the `default` namespace. Throws when it is none of those.
 */
export function parseEntityKey(ref: string, defaultKind: string): EntityKey {
  const match = ENTITY_REF.exec(ref.trim());
  if (!match) {
    throw new Error(`'${ref}' is not an entity ref`);
  }
  return {
    kind: (match[1] ?? defaultKind).toLocaleLowerCase('en-US'),
    namespace: (match[2] ?? 'default').toLocaleLowerCase('en-US'),
    name: match[3].toLocaleLowerCase('en-US'),
  };
}

/** `kind:namespace/name`, lower-cased, as workflow documents are stored. */
export function stringifyEntityKey(key: EntityKey): string {
  return `${key.kind}:${key.namespace}/${key.name}`;
}

/** A sub-workflow ref with its pin: `@v3` (a version) or `@staging` (a label). */
export interface WorkflowPin {
  key: EntityKey;
  version?: number;
  label?: string;
}

/** Parses `aiworkflow:default/x`, `x@production` or `default/x@v3`. */
export function parseWorkflowPin(ref: string): WorkflowPin {
  const at = ref.lastIndexOf('@');
  const base = at >= 0 ? ref.slice(0, at) : ref;
  const pin = at >= 0 ? ref.slice(at + 1) : undefined;
  const key = parseEntityKey(base, 'aiworkflow');
  if (pin === undefined) return { key };
  if (!pin) throw new Error(`'${ref}' names no version or label after '@'`);
  const version = /^v([0-9]+)$/.exec(pin);
  return version ? { key, version: Number(version[1]) } : { key, label: pin };
}

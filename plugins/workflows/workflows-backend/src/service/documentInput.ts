import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  parseWorkflowYaml,
  WorkflowDocument,
  WorkflowIssue,
  WorkflowValidationResult,
  WorkflowYamlError,
} from '@ai-ops/plugin-workflows-common';
import { WorkflowKey } from '../database/types';

/** A document as JSON or as YAML text, as the contract's DocumentInput has it. */
export interface DocumentInputBody {
  document?: unknown;
  yaml?: string;
  message?: string;
}

/** A request's document before validation. */
export interface ParsedDocumentInput {
  /** The document as given, not yet validated. */
  raw: unknown;
  /** The YAML text, kept verbatim for export, when the input was YAML. */
  sourceYaml?: string;
  message?: string;
}

/**
 * Takes exactly one of `document` or `yaml`; YAML syntax errors become a 400
 * that names the line and column.
 */
export function parseDocumentInput(
  body: DocumentInputBody | undefined,
): ParsedDocumentInput {
  const hasDocument = body?.document !== undefined && body?.document !== null;
  const hasYaml = body?.yaml !== undefined && body?.yaml !== null;
  if (hasDocument && hasYaml) {
    throw new InputError(
      'document: give the workflow either as document or as yaml, not both',
    );
  }
  if (!hasDocument && !hasYaml) {
    throw new InputError(
      'document: the workflow is missing; give it as document (JSON) or as yaml (text)',
    );
  }
  if (hasYaml) {
    try {
      return {
        raw: parseWorkflowYaml(body!.yaml!),
        sourceYaml: body!.yaml,
        message: body!.message,
      };
    } catch (error) {
      if (error instanceof WorkflowYamlError) {
        throw new InputError(`yaml: ${error.message}`);
      }
      throw error;
    }
  }
  return { raw: body!.document, message: body!.message };
}

const metadataOf = (raw: unknown): Record<string, unknown> | undefined => {
  const metadata = (raw as { metadata?: unknown } | null)?.metadata;
  return metadata && typeof metadata === 'object'
    ? (metadata as Record<string, unknown>)
    : undefined;
};

/**
 * The key a document names (namespace `default` when it names none), or
 * undefined when its metadata.name is not a string.
 */
export function keyOfRaw(raw: unknown): WorkflowKey | undefined {
  const metadata = metadataOf(raw);
  if (typeof metadata?.name !== 'string' || !metadata.name) return undefined;
  return {
    namespace:
      typeof metadata.namespace === 'string' && metadata.namespace
        ? metadata.namespace
        : 'default',
    name: metadata.name,
  };
}

/** The document's key; a 400 naming metadata.name when it has none. */
export function requireKey(raw: unknown): WorkflowKey {
  const key = keyOfRaw(raw);
  if (!key) {
    throw new InputError('metadata.name: the workflow document needs a name');
  }
  return key;
}

/** A document saved at a path must name that path. */
export function assertKeyMatches(raw: unknown, key: WorkflowKey): void {
  const metadata = metadataOf(raw);
  if (metadata?.name !== undefined && metadata.name !== key.name) {
    throw new InputError(
      `metadata.name: the document is named '${String(
        metadata.name,
      )}' but is saved as '${key.namespace}/${
        key.name
      }'; rename it by importing it as a new workflow`,
    );
  }
  const namespace = metadata?.namespace ?? 'default';
  if (namespace !== key.namespace) {
    throw new InputError(
      `metadata.namespace: the document is in namespace '${String(
        namespace,
      )}' but is saved in '${key.namespace}'`,
    );
  }
}

function entityRefIssue(
  raw: unknown,
  field: 'owner' | 'system',
  defaultKind: string,
): WorkflowIssue | undefined {
  const value = (raw as { spec?: Record<string, unknown> } | null)?.spec?.[
    field
  ];
  if (typeof value !== 'string' || !value) return undefined;
  try {
    parseEntityRef(value, {
      defaultKind,
      defaultNamespace: keyOfRaw(raw)?.namespace ?? 'default',
    });
    return undefined;
  } catch (error) {
    return {
      severity: 'error',
      code: 'entity-ref',
      path: `spec.${field}`,
      field,
      message: `spec.${field}: '${value}' is not an entity ref (${
        (error as Error).message
      })`,
    };
  }
}

/** Adds what the definition model cannot know: owner and system must be entity refs. */
export function withEntityRefIssues(
  raw: unknown,
  result: WorkflowValidationResult,
): WorkflowValidationResult {
  const extra = [
    entityRefIssue(raw, 'owner', 'group'),
    entityRefIssue(raw, 'system', 'system'),
  ].filter((i): i is WorkflowIssue => !!i);
  if (!extra.length) return result;
  return { ...result, valid: false, issues: [...result.issues, ...extra] };
}

/** The validated document, or a 400 listing every error. */
export function assertValid(
  result: WorkflowValidationResult,
): WorkflowDocument {
  const errors = result.issues.filter(i => i.severity === 'error');
  if (errors.length || !result.document) {
    throw new InputError(
      `Invalid workflow: ${errors.map(e => e.message).join('; ')}`,
    );
  }
  return result.document;
}

const normalizeEntityRef = (
  ref: string,
  defaultKind: string,
  defaultNamespace: string,
) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace }),
  ).toLocaleLowerCase('en-US');

/** A step's ref in full form; kept as written when it does not parse. */
function fullStepRef(ref: string, defaultKind: string): string {
  const pin = /@[^@]+$/.exec(ref)?.[0] ?? '';
  try {
    return `${normalizeEntityRef(
      ref.slice(0, ref.length - pin.length),
      defaultKind,
      'default',
    )}${pin}`;
  } catch {
    return ref;
  }
}

/**
 * The form a valid document is stored in: its namespace spelled out, owner,
 * system and the refs of steps as full, lower-case entity refs (so that
 * ownership conditions, the component filter and "used by" match them however
 * they were written). Validation has resolved the refs as written before.
 */
export function toStoredDocument(
  document: WorkflowDocument,
  key: WorkflowKey,
): WorkflowDocument {
  return {
    ...document,
    metadata: { ...document.metadata, namespace: key.namespace },
    spec: {
      ...document.spec,
      owner: normalizeEntityRef(document.spec.owner, 'group', key.namespace),
      ...(document.spec.system
        ? {
            system: normalizeEntityRef(
              document.spec.system,
              'system',
              key.namespace,
            ),
          }
        : {}),
      steps: document.spec.steps.map(step => ({
        ...step,
        ...(step.component
          ? { component: fullStepRef(step.component, 'aicomponent') }
          : {}),
        ...(step.workflow
          ? { workflow: fullStepRef(step.workflow, 'aiworkflow') }
          : {}),
      })),
    },
  };
}

import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  stableStringify,
  WorkflowDocument,
} from '@ai-ops/plugin-workflows-common';
import {
  WorkflowKey,
  WorkflowLabelEvent,
  WorkflowSource,
  WorkflowSummary,
  WorkflowTrigger,
  WorkflowVersion,
} from './types';

/** Timestamps come back as Date (pg), number or string (SQLite). */
type Timestamp = Date | string | number;

/** @internal */
export interface WorkflowRow {
  id: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  owner: string;
  lifecycle: string;
  system: string | null;
  tags: string;
  source: string;
  source_location: string | null;
  latest_version: number;
  step_count: number;
  search_text: string;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** @internal */
export interface VersionRow {
  workflow_id: string;
  version: number;
  content_hash: string;
  document: string;
  source_yaml: string | null;
  message: string | null;
  restored_from: number | null;
  created_at: Timestamp;
  created_by: string | null;
}

/** @internal */
export interface LabelEventRow {
  id: number;
  workflow_id: string;
  label: string;
  version: number | null;
  previous_version: number | null;
  moved_at: Timestamp;
  moved_by: string | null;
}

/** @internal */
export interface TriggerRow {
  id: string;
  workflow_id: string;
  type: string;
  cron: string | null;
  timezone: string | null;
  label: string | null;
  version: number | null;
  input: string | null;
  enabled: boolean | number;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  /** sha256 (hex) of a webhook's secret; never leaves the store. */
  secret_hash: string | null;
}

/** Ids are UUIDs; anything else matches no row (and must not reach pg). */
export const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optional = <T>(value: T | null): T | undefined => value ?? undefined;

const optionalNumber = (value: number | string | null) =>
  value === null || value === undefined ? undefined : Number(value);

export function toIsoString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const parsed = new Date(String(value).replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? String(value) : parsed.toISOString();
}

/** `sha256:<hex>` of the canonical JSON of a document. */
export function contentHash(document: WorkflowDocument): string {
  return `sha256:${createHash('sha256')
    .update(stableStringify(document))
    .digest('hex')}`;
}

/** Entity refs compare case-insensitively; they are stored lower-cased. */
export const normalizeRef = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The AIComponent refs a document's steps use: distinct, sorted. */
export function componentRefsOf(document: WorkflowDocument): string[] {
  const refs = new Set<string>();
  for (const step of document.spec.steps) {
    if (typeof step.component === 'string' && step.component) {
      refs.add(normalizeRef(step.component));
    }
  }
  return [...refs].sort();
}

export function tagsOf(document: WorkflowDocument): string[] {
  return [...new Set(document.metadata.tags ?? [])];
}

/** The columns of `workflows` that mirror the newest version's document. */
export function documentColumns(key: WorkflowKey, document: WorkflowDocument) {
  const { metadata, spec } = document;
  const tags = tagsOf(document);
  return {
    title: metadata.title ?? null,
    description: metadata.description ?? null,
    owner: normalizeRef(spec.owner),
    lifecycle: spec.lifecycle,
    system: spec.system ?? null,
    tags: JSON.stringify(tags),
    step_count: spec.steps.length,
    search_text: [key.name, metadata.title, metadata.description, ...tags]
      .filter(Boolean)
      .join(' ')
      .toLocaleLowerCase('en-US'),
  };
}

export function toSummary(
  row: WorkflowRow,
  labels: Record<string, number>,
  componentRefs: string[],
): WorkflowSummary {
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    title: optional(row.title),
    description: optional(row.description),
    owner: row.owner,
    lifecycle: row.lifecycle,
    system: optional(row.system),
    tags: JSON.parse(row.tags),
    source: row.source as WorkflowSource,
    sourceLocation: optional(row.source_location),
    latestVersion: Number(row.latest_version),
    labels,
    stepCount: Number(row.step_count),
    componentRefs,
    createdAt: toIsoString(row.created_at),
    createdBy: optional(row.created_by),
    updatedAt: toIsoString(row.updated_at),
    updatedBy: optional(row.updated_by),
  };
}

export function toVersion(row: VersionRow): WorkflowVersion {
  return {
    version: Number(row.version),
    contentHash: row.content_hash,
    document: JSON.parse(row.document),
    sourceYaml: optional(row.source_yaml),
    message: optional(row.message),
    restoredFrom: optionalNumber(row.restored_from),
    createdAt: toIsoString(row.created_at),
    createdBy: optional(row.created_by),
  };
}

export function toLabelEvent(row: LabelEventRow): WorkflowLabelEvent {
  return {
    label: row.label,
    version: optionalNumber(row.version) ?? null,
    previousVersion: optionalNumber(row.previous_version) ?? null,
    movedAt: toIsoString(row.moved_at),
    movedBy: optional(row.moved_by),
  };
}

export function toTrigger(row: TriggerRow): WorkflowTrigger {
  return {
    id: row.id,
    type: row.type as WorkflowTrigger['type'],
    cron: optional(row.cron),
    timezone: optional(row.timezone),
    label: optional(row.label),
    version: optionalNumber(row.version),
    input: row.input === null ? undefined : JSON.parse(row.input),
    enabled: Boolean(row.enabled),
    createdAt: toIsoString(row.created_at),
    createdBy: optional(row.created_by),
    updatedAt: toIsoString(row.updated_at),
  };
}

interface Cursor {
  v: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      parsed &&
      (typeof parsed.v === 'string' || typeof parsed.v === 'number') &&
      typeof parsed.id === 'string'
    ) {
      return parsed;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor is not a cursor returned by this API');
}

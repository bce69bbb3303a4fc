import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { OwnershipFilter } from '../permissions/ownership';

/** Where a workflow is defined: in the console, or in a `catalog-info.yaml` (read-only). @internal */
export type WorkflowSource = 'console' | 'catalog';

/** A workflow address. @internal */
export interface WorkflowKey {
  namespace: string;
  name: string;
}

/** @internal */
export type WorkflowSummary = {
  id: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  owner: string;
  lifecycle: string;
  system?: string;
  tags: string[];
  source: WorkflowSource;
  sourceLocation?: string;
  /** Number of the newest version (versions start at 1). */
  latestVersion: number;
  /** Label name -> version number, e.g. `{ production: 3 }`. */
  labels: Record<string, number>;
  /** Number of steps in the newest version. */
  stepCount: number;
  /** AIComponent refs the newest version uses, sorted. */
  componentRefs: string[];
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
  updatedBy?: string;
};

/** @internal */
export type Workflow = WorkflowSummary & {
  /** The newest version's document. */
  document: WorkflowDocument;
};

/** One immutable version. @internal */
export type WorkflowVersion = {
  version: number;
  /** sha256 of the canonical JSON of the document (`sha256:<hex>`). */
  contentHash: string;
  document: WorkflowDocument;
  /** The YAML text the version was imported from, kept verbatim for export. */
  sourceYaml?: string;
  message?: string;
  /** Set when the version was made by restoring an older one. */
  restoredFrom?: number;
  createdAt: string;
  createdBy?: string;
};

/** A label move, kept as history. @internal */
export type WorkflowLabelEvent = {
  label: string;
  version: number | null;
  previousVersion: number | null;
  movedAt: string;
  movedBy?: string;
};

/** @internal */
export interface WorkflowFilter {
  owners?: string[];
  lifecycles?: string[];
  tags?: string[];
  sources?: WorkflowSource[];
  /** Workflows whose newest version uses this AIComponent ref. */
  component?: string;
  /** Workflows that carry this label. */
  label?: string;
  /** Free text; every word must appear in name, title, description or tags. */
  q?: string;
  /** The conditions of a conditional read decision, applied in the query. */
  permission?: PermissionCriteria<OwnershipFilter>;
}

/** @internal */
export interface ListWorkflowsOptions {
  filter: WorkflowFilter;
  sort: 'name' | 'updatedAt' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/** @internal */
export type WorkflowPage = {
  items: WorkflowSummary[];
  totalItems: number;
  nextCursor?: string;
};

/** What a new version writes. @internal */
export interface NewWorkflowVersion {
  /** A document that passed validation; its metadata.name/namespace match the key. */
  document: WorkflowDocument;
  sourceYaml?: string;
  message?: string;
  restoredFrom?: number;
}

/** A schedule or webhook that starts runs; the executions capability runs them. @internal */
export type WorkflowTrigger = {
  id: string;
  type: 'schedule' | 'webhook';
  /** Cron expression (schedule only). */
  cron?: string;
  timezone?: string;
  /** Which version runs: a label (default `production`) or a fixed version. */
  label?: string;
  version?: number;
  /** Input passed to each run (schedule), or merged under the webhook body. */
  input?: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
};

/**
 * A trigger with the workflow it belongs to, as backend services see it
 * (never with its secret or the secret's hash). @internal
 */
export type WorkflowTriggerRecord = WorkflowTrigger & {
  workflow: WorkflowKey;
  /** Whether a webhook has a secret (webhooks from before secrets have none until rotated). */
  hasSecret: boolean;
};

/**
 * How a webhook call proves it knows the trigger's secret: the secret itself
 * (a bearer token), or an HMAC-SHA256 of the raw body. @internal
 */
export type TriggerCredential =
  | { secret: string }
  | {
      /** Hex HMAC-SHA256 of `payload`, keyed with the sha256 (hex) of the secret. */
      signature: string;
      payload: Buffer;
    };

/** @internal */
export type WorkflowTriggerInput = Omit<
  WorkflowTrigger,
  'id' | 'createdAt' | 'createdBy' | 'updatedAt'
>;

/** Persistence of workflows, their immutable versions, labels and triggers. @internal */
export interface WorkflowStore {
  list(options: ListWorkflowsOptions): Promise<WorkflowPage>;
  get(key: WorkflowKey): Promise<Workflow | undefined>;
  /** Owner refs in the order of `keys`; undefined where a workflow is absent. */
  getOwners(keys: WorkflowKey[]): Promise<Array<string | undefined>>;

  /** Creates the workflow with version 1. Throws ConflictError when the name is taken. */
  create(
    key: WorkflowKey,
    version: NewWorkflowVersion,
    options: {
      actor?: string;
      source: WorkflowSource;
      sourceLocation?: string;
    },
  ): Promise<Workflow>;
  /**
   * Adds a version when the content hash differs from the newest version's;
   * otherwise returns the workflow unchanged. Throws NotFoundError.
   */
  addVersion(
    key: WorkflowKey,
    version: NewWorkflowVersion,
    options: { actor?: string; sourceLocation?: string },
  ): Promise<{ workflow: Workflow; changed: boolean }>;
  /** Deletes the workflow with its versions, labels and triggers; false when absent. */
  delete(key: WorkflowKey): Promise<boolean>;

  listVersions(key: WorkflowKey): Promise<WorkflowVersion[] | undefined>;
  getVersion(
    key: WorkflowKey,
    version: number,
  ): Promise<WorkflowVersion | undefined>;

  /**
   * Points a label at a version (null removes it) and records the move.
   * Throws NotFoundError for an unknown workflow or version.
   */
  setLabel(
    key: WorkflowKey,
    label: string,
    version: number | null,
    options: { actor?: string },
  ): Promise<Workflow>;
  labelHistory(key: WorkflowKey): Promise<WorkflowLabelEvent[]>;

  listTriggers(key: WorkflowKey): Promise<WorkflowTrigger[]>;
  /**
   * Adds a trigger. A webhook gets a new random secret, stored as its
   * sha256 only and returned here once.
   */
  createTrigger(
    key: WorkflowKey,
    input: WorkflowTriggerInput,
    options: { actor?: string },
  ): Promise<WorkflowTrigger & { secret?: string }>;
  /**
   * Replaces a trigger. A trigger that becomes a webhook gets a secret
   * (returned once); one that stops being a webhook loses it.
   */
  updateTrigger(
    key: WorkflowKey,
    id: string,
    input: WorkflowTriggerInput,
  ): Promise<WorkflowTrigger & { secret?: string }>;
  deleteTrigger(key: WorkflowKey, id: string): Promise<boolean>;
  /**
   * Replaces a webhook's secret with a new one, returned once. NotFoundError
   * for an unknown trigger, InputError for a schedule.
   */
  rotateTriggerSecret(
    key: WorkflowKey,
    id: string,
  ): Promise<{ trigger: WorkflowTrigger; secret: string }>;
  /** Every trigger (of one type), with its workflow, oldest first. */
  listAllTriggers(filter: {
    type?: WorkflowTrigger['type'];
  }): Promise<WorkflowTriggerRecord[]>;
  /** A trigger by id, with its workflow. */
  getTriggerById(id: string): Promise<WorkflowTriggerRecord | undefined>;
  /**
   * The enabled webhook trigger when the credential matches its secret;
   * undefined for an unknown, disabled or schedule trigger and a wrong
   * secret or signature alike. Compares in constant time.
   */
  verifyTriggerSecret(
    id: string,
    credential: TriggerCredential,
  ): Promise<WorkflowTriggerRecord | undefined>;

  /** Keys of workflows whose newest version uses the component (for "used by"). */
  usedBy(
    componentRef: string,
  ): Promise<Array<WorkflowKey & { title?: string; latestVersion: number }>>;
  /** Workflows with their newest document, from one source, paged by id. */
  exportPage(options: {
    source: WorkflowSource;
    limit: number;
    after?: string;
  }): Promise<{ items: Workflow[]; nextAfter?: string }>;
  /**
   * What {@link exportPage} would read, in a few characters: it changes
   * whenever a workflow of the source is created, gets a version or is
   * deleted.
   */
  exportVersion(source: WorkflowSource): Promise<string>;
  /** Keys of all workflows from the given source. */
  listKeys(source: WorkflowSource): Promise<WorkflowKey[]>;
}

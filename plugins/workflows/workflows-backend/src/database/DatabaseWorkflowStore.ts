import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  ListWorkflowsOptions,
  NewWorkflowVersion,
  Workflow,
  WorkflowKey,
  WorkflowLabelEvent,
  WorkflowPage,
  WorkflowSource,
  WorkflowStore,
  TriggerCredential,
  WorkflowTrigger,
  WorkflowTriggerInput,
  WorkflowTriggerRecord,
  WorkflowVersion,
} from './types';
import {
  contentHash,
  documentColumns,
  LabelEventRow,
  normalizeRef,
  toIsoString,
  toLabelEvent,
  toVersion,
  UUID_PATTERN,
  VersionRow,
  WorkflowRow,
} from './rows';
import {
  listWorkflowRows,
  loadSummaries,
  selectNewestDocuments,
  selectUsedBy,
} from './listQuery';
import { hasVersion, insertVersion, writeDerivedRows } from './versionRows';
import {
  assertLabelName,
  credentialMatches,
  deleteTriggerRow,
  insertTrigger,
  normalizeTrigger,
  rotateSecretRow,
  selectAllTriggers,
  selectTriggerById,
  selectTriggers,
  updateTriggerRow,
} from './triggers';

const migrationsDir = resolvePackagePath(
  '@ai-ops/plugin-workflows-backend',
  'migrations',
);

const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key/i.test(String((error as Error)?.message));

const keyText = (key: WorkflowKey) => `'${key.namespace}/${key.name}'`;

/** What {@link DatabaseWorkflowStore}'s `onTriggersChanged` is told. */
export interface TriggersChange {
  key: WorkflowKey;
  change: 'created' | 'updated' | 'deleted' | 'workflow-deleted';
  triggerId?: string;
}

/** Tables that hang off `workflows`, deleted explicitly (SQLite may not cascade). */
const CHILD_TABLES = [
  'workflow_triggers',
  'workflow_label_events',
  'workflow_labels',
  'workflow_components',
  'workflow_tags',
  'workflow_versions',
];

/**
 * Workflows, their immutable versions, labels and triggers in the plugin's own
 * database (PostgreSQL or SQLite), with filtering, permission conditions and
 * keyset pagination done in SQL.
 *
 * @internal
 */
export class DatabaseWorkflowStore implements WorkflowStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * Told after a trigger was created, updated or deleted, or a workflow
     * (with its triggers) was deleted, whichever path wrote it (the API, the
     * catalog mirror).
     */
    onTriggersChanged?: (change: TriggersChange) => void;
  }): Promise<DatabaseWorkflowStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseWorkflowStore(
      client,
      options.onTriggersChanged ?? (() => {}),
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly triggersChanged: (change: TriggersChange) => void,
  ) {}

  async list(options: ListWorkflowsOptions): Promise<WorkflowPage> {
    const { rows, totalItems, nextCursor } = await listWorkflowRows(
      this.db,
      options,
    );
    return {
      items: await loadSummaries(this.db, rows),
      totalItems,
      nextCursor,
    };
  }

  async get(key: WorkflowKey): Promise<Workflow | undefined> {
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const version = await this.db<VersionRow>('workflow_versions')
      .where({ workflow_id: row.id, version: row.latest_version })
      .first();
    const [summary] = await loadSummaries(this.db, [row]);
    return { ...summary, document: JSON.parse(version!.document) };
  }

  async getOwners(keys: WorkflowKey[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const rows = await this.db<WorkflowRow>('workflows')
      .select('namespace', 'name', 'owner')
      .where(builder => {
        for (const key of keys) {
          builder.orWhere({ namespace: key.namespace, name: key.name });
        }
      });
    const owners = new Map(
      rows.map(r => [`${r.namespace}/${r.name}`, r.owner]),
    );
    return keys.map(k => owners.get(`${k.namespace}/${k.name}`));
  }

  async create(
    key: WorkflowKey,
    version: NewWorkflowVersion,
    options: {
      actor?: string;
      source: WorkflowSource;
      sourceLocation?: string;
    },
  ): Promise<Workflow> {
    if (version.restoredFrom !== undefined) {
      throw new InputError('restoredFrom: a new workflow has no versions');
    }
    const id = randomUUID();
    const now = new Date();
    const conflict = () =>
      new ConflictError(
        `name: a workflow named ${keyText(key)} already exists`,
      );
    try {
      await this.db.transaction(async tx => {
        if (await this.row(tx, key)) throw conflict();
        await tx('workflows').insert({
          id,
          namespace: key.namespace,
          name: key.name,
          ...documentColumns(key, version.document),
          source: options.source,
          source_location: options.sourceLocation ?? null,
          latest_version: 1,
          created_at: now,
          created_by: options.actor ?? null,
          updated_at: now,
          updated_by: options.actor ?? null,
        });
        await insertVersion(tx, id, 1, version, now, options.actor);
        await writeDerivedRows(tx, id, version.document);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
    return (await this.get(key))!;
  }

  async addVersion(
    key: WorkflowKey,
    version: NewWorkflowVersion,
    options: { actor?: string; sourceLocation?: string },
  ): Promise<{ workflow: Workflow; changed: boolean }> {
    const changed = await this.db.transaction(async tx => {
      const row = await this.row(tx, key, { lock: true });
      if (!row) throw new NotFoundError(`No workflow ${keyText(key)}`);
      const latestVersion = Number(row.latest_version);
      const latest = await tx<VersionRow>('workflow_versions')
        .where({ workflow_id: row.id, version: latestVersion })
        .first();
      if (latest?.content_hash === contentHash(version.document)) {
        return false;
      }
      const restoredFrom = version.restoredFrom;
      if (
        restoredFrom !== undefined &&
        !(
          Number.isInteger(restoredFrom) &&
          restoredFrom >= 1 &&
          restoredFrom <= latestVersion
        )
      ) {
        throw new InputError(
          `restoredFrom: ${keyText(key)} has no version ${restoredFrom}`,
        );
      }
      const next = latestVersion + 1;
      const now = new Date();
      try {
        await insertVersion(tx, row.id, next, version, now, options.actor);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            `${keyText(key)} changed while this version was written; retry it`,
          );
        }
        throw error;
      }
      await tx('workflows')
        .where({ id: row.id })
        .update({
          ...documentColumns(key, version.document),
          source_location: options.sourceLocation ?? row.source_location,
          latest_version: next,
          updated_at: now,
          updated_by: options.actor ?? null,
        });
      await writeDerivedRows(tx, row.id, version.document, { replace: true });
      return true;
    });
    return { workflow: (await this.get(key))!, changed };
  }

  async delete(key: WorkflowKey): Promise<boolean> {
    const deleted = await this.db.transaction(async tx => {
      const row = await this.row(tx, key, { lock: true });
      if (!row) return false;
      for (const table of CHILD_TABLES) {
        await tx(table).where({ workflow_id: row.id }).delete();
      }
      await tx('workflows').where({ id: row.id }).delete();
      return true;
    });
    if (deleted) this.triggersChanged({ key, change: 'workflow-deleted' });
    return deleted;
  }

  async listVersions(key: WorkflowKey): Promise<WorkflowVersion[] | undefined> {
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const rows = await this.db<VersionRow>('workflow_versions')
      .where({ workflow_id: row.id })
      .orderBy('version', 'desc');
    return rows.map(toVersion);
  }

  async getVersion(
    key: WorkflowKey,
    version: number,
  ): Promise<WorkflowVersion | undefined> {
    if (!Number.isInteger(version)) return undefined;
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const found = await this.db<VersionRow>('workflow_versions')
      .where({ workflow_id: row.id, version })
      .first();
    return found && toVersion(found);
  }

  async setLabel(
    key: WorkflowKey,
    label: string,
    version: number | null,
    options: { actor?: string },
  ): Promise<Workflow> {
    assertLabelName(label);
    if (version !== null && !Number.isInteger(version)) {
      throw new InputError('version: must be an integer or null');
    }
    await this.db.transaction(async tx => {
      const row = await this.row(tx, key, { lock: true });
      if (!row) throw new NotFoundError(`No workflow ${keyText(key)}`);
      if (version !== null && !(await hasVersion(tx, row.id, version))) {
        throw new NotFoundError(`${keyText(key)} has no version ${version}`);
      }
      const current = await tx('workflow_labels')
        .where({ workflow_id: row.id, label })
        .first();
      const previous = current ? Number(current.version) : null;
      if (previous === version) return;
      if (version === null) {
        await tx('workflow_labels')
          .where({ workflow_id: row.id, label })
          .delete();
      } else if (current) {
        await tx('workflow_labels')
          .where({ workflow_id: row.id, label })
          .update({ version });
      } else {
        await tx('workflow_labels').insert({
          workflow_id: row.id,
          label,
          version,
        });
      }
      await tx('workflow_label_events').insert({
        workflow_id: row.id,
        label,
        version,
        previous_version: previous,
        moved_at: new Date(),
        moved_by: options.actor ?? null,
      });
    });
    return (await this.get(key))!;
  }

  async labelHistory(key: WorkflowKey): Promise<WorkflowLabelEvent[]> {
    const row = await this.requireRow(key);
    const rows = await this.db<LabelEventRow>('workflow_label_events')
      .where({ workflow_id: row.id })
      .orderBy('id', 'desc');
    return rows.map(toLabelEvent);
  }

  async listTriggers(key: WorkflowKey): Promise<WorkflowTrigger[]> {
    const row = await this.requireRow(key);
    return selectTriggers(this.db, row.id);
  }

  async createTrigger(
    key: WorkflowKey,
    input: WorkflowTriggerInput,
    options: { actor?: string },
  ): Promise<WorkflowTrigger & { secret?: string }> {
    const trigger = normalizeTrigger(input);
    const row = await this.requireRow(key);
    await this.assertTriggerVersion(row, trigger);
    const created = await insertTrigger(
      this.db,
      row.id,
      trigger,
      options.actor,
    );
    this.triggersChanged({ key, change: 'created', triggerId: created.id });
    return created;
  }

  async updateTrigger(
    key: WorkflowKey,
    id: string,
    input: WorkflowTriggerInput,
  ): Promise<WorkflowTrigger & { secret?: string }> {
    const trigger = normalizeTrigger(input);
    const row = await this.requireRow(key);
    await this.assertTriggerVersion(row, trigger);
    const updated = await updateTriggerRow(this.db, row.id, id, trigger);
    if (!updated) {
      throw new NotFoundError(`${keyText(key)} has no trigger '${id}'`);
    }
    this.triggersChanged({ key, change: 'updated', triggerId: id });
    return updated;
  }

  async deleteTrigger(key: WorkflowKey, id: string): Promise<boolean> {
    const row = await this.requireRow(key);
    const deleted = await deleteTriggerRow(this.db, row.id, id);
    if (deleted)
      this.triggersChanged({ key, change: 'deleted', triggerId: id });
    return deleted;
  }

  async rotateTriggerSecret(
    key: WorkflowKey,
    id: string,
  ): Promise<{ trigger: WorkflowTrigger; secret: string }> {
    const row = await this.requireRow(key);
    const rotated = await rotateSecretRow(this.db, row.id, id);
    if (!rotated) {
      throw new NotFoundError(`${keyText(key)} has no trigger '${id}'`);
    }
    return rotated;
  }

  listAllTriggers(filter: {
    type?: WorkflowTrigger['type'];
  }): Promise<WorkflowTriggerRecord[]> {
    return selectAllTriggers(this.db, filter);
  }

  async getTriggerById(id: string): Promise<WorkflowTriggerRecord | undefined> {
    return (await selectTriggerById(this.db, id))?.record;
  }

  async verifyTriggerSecret(
    id: string,
    credential: TriggerCredential,
  ): Promise<WorkflowTriggerRecord | undefined> {
    const found = await selectTriggerById(this.db, id);
    const usable =
      found && found.record.type === 'webhook' && found.record.enabled;
    const matches = credentialMatches(
      usable ? found.secretHash : null,
      credential,
    );
    return usable && matches ? found.record : undefined;
  }

  async usedBy(
    componentRef: string,
  ): Promise<Array<WorkflowKey & { title?: string; latestVersion: number }>> {
    return selectUsedBy(this.db, normalizeRef(componentRef));
  }

  async exportPage(options: {
    source: WorkflowSource;
    limit: number;
    after?: string;
  }): Promise<{ items: Workflow[]; nextAfter?: string }> {
    if (options.after !== undefined && !UUID_PATTERN.test(options.after)) {
      throw new InputError('after: must be an id returned by a previous page');
    }
    const rows = await selectNewestDocuments(this.db, {
      ...options,
      limit: options.limit + 1,
    });
    const page = rows.slice(0, options.limit);
    const summaries = await loadSummaries(this.db, page);
    return {
      items: page.map((row, i) => ({
        ...summaries[i],
        document: JSON.parse(row.document),
      })),
      nextAfter:
        rows.length > options.limit ? page[page.length - 1].id : undefined,
    };
  }

  async exportVersion(source: WorkflowSource): Promise<string> {
    // A new version bumps latest_version and updated_at; a creation or a
    // deletion changes the count (and a creation the newest updated_at).
    const [row] = await this.db('workflows')
      .where({ source })
      .count({ count: '*' })
      .sum({ versions: 'latest_version' })
      .max({ newest: 'updated_at' });
    const newest = row.newest ? toIsoString(row.newest) : '-';
    return `${Number(row.count)}.${Number(row.versions ?? 0)}.${newest}`;
  }

  async listKeys(source: WorkflowSource): Promise<WorkflowKey[]> {
    return this.db<WorkflowRow>('workflows')
      .select('namespace', 'name')
      .where({ source })
      .orderBy(['namespace', 'name']);
  }

  private async row(
    db: Knex,
    key: WorkflowKey,
    options: { lock?: boolean } = {},
  ): Promise<WorkflowRow | undefined> {
    const query = db<WorkflowRow>('workflows').where({
      namespace: key.namespace,
      name: key.name,
    });
    // Serializes writers of one workflow; SQLite has one writer at a time.
    if (options.lock && this.db.client.config.client === 'pg') {
      query.forUpdate();
    }
    return query.first();
  }

  private async requireRow(key: WorkflowKey): Promise<WorkflowRow> {
    const row = await this.row(this.db, key);
    if (!row) throw new NotFoundError(`No workflow ${keyText(key)}`);
    return row;
  }

  private async assertTriggerVersion(
    row: WorkflowRow,
    trigger: WorkflowTriggerInput,
  ) {
    if (
      trigger.version !== undefined &&
      !(await hasVersion(this.db, row.id, trigger.version))
    ) {
      throw new InputError(
        `version: '${row.namespace}/${row.name}' has no version ${trigger.version}`,
      );
    }
  }
}

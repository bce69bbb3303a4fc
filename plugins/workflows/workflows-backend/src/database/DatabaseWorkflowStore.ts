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
  WorkflowSummary,
  WorkflowTrigger,
  WorkflowTriggerInput,
  WorkflowVersion,
} from './types';
import {
  componentRefsOf,
  contentHash,
  decodeCursor,
  documentColumns,
  encodeCursor,
  LabelEventRow,
  normalizeRef,
  tagsOf,
  toLabelEvent,
  toSummary,
  toTrigger,
  toVersion,
  TriggerRow,
  VersionRow,
  WorkflowRow,
} from './rows';
import { filteredWorkflows, isNarrowing, SORT_COLUMNS } from './listQuery';
import { assertLabelName, normalizeTrigger } from './triggers';

const migrationsDir = resolvePackagePath(
  '@ai-ops/plugin-workflows-backend',
  'migrations',
);

const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key/i.test(String((error as Error)?.message));

const keyText = (key: WorkflowKey) => `'${key.namespace}/${key.name}'`;

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
  }): Promise<DatabaseWorkflowStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseWorkflowStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async list(options: ListWorkflowsOptions): Promise<WorkflowPage> {
    const column = `workflows.${SORT_COLUMNS[options.sort]}`;
    const { order, filter } = options;
    const page = filteredWorkflows(this.db, filter);
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor);
      const op = order === 'asc' ? '>' : '<';
      page.where(builder =>
        builder
          .where(column, op, cursor.v)
          .orWhere(inner =>
            inner
              .where(column, '=', cursor.v)
              .andWhere('workflows.id', op, cursor.id),
          ),
      );
    }
    const ordered = page.orderBy([
      { column, order },
      { column: 'workflows.id', order },
    ]);
    let rows: Array<WorkflowRow & { total_count?: number | string }>;
    let count: number | string;
    if (isNarrowing(filter) && !options.cursor) {
      // The filter has to visit every match anyway (to sort them), so the
      // count comes from the same pass instead of a second query.
      rows = await ordered
        .select('workflows.*', this.db.raw('count(*) over () as total_count'))
        .limit(options.limit + 1);
      count = rows[0]?.total_count ?? 0;
    } else {
      // Unfiltered, the page is read from the sort index; counting is a
      // separate, index-only pass (and a cursor must not narrow the count).
      const [pageRows, [counted]] = await Promise.all([
        ordered.select('workflows.*').limit(options.limit + 1) as Promise<
          WorkflowRow[]
        >,
        filteredWorkflows(this.db, filter).count({ count: '*' }) as Promise<
          Array<{ count: number | string }>
        >,
      ]);
      rows = pageRows;
      count = counted.count;
    }
    const items = rows
      .slice(0, options.limit)
      .map(({ total_count: _count, ...row }) => row);
    const last = items[items.length - 1];
    const sortValue = (row: WorkflowRow) => {
      const value = row[SORT_COLUMNS[options.sort]];
      return value instanceof Date ? value.toISOString() : value;
    };
    return {
      items: await this.summaries(items),
      totalItems: Number(count),
      nextCursor:
        rows.length > options.limit && last
          ? encodeCursor({ v: sortValue(last), id: last.id })
          : undefined,
    };
  }

  async get(key: WorkflowKey): Promise<Workflow | undefined> {
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const version = await this.db<VersionRow>('workflow_versions')
      .where({ workflow_id: row.id, version: row.latest_version })
      .first();
    const [summary] = await this.summaries([row]);
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
        await this.insertVersion(tx, id, 1, version, now, options.actor);
        await this.writeDerived(tx, id, version);
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
        await this.insertVersion(tx, row.id, next, version, now, options.actor);
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
      await tx('workflow_tags').where({ workflow_id: row.id }).delete();
      await tx('workflow_components').where({ workflow_id: row.id }).delete();
      await this.writeDerived(tx, row.id, version);
      return true;
    });
    return { workflow: (await this.get(key))!, changed };
  }

  async delete(key: WorkflowKey): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = await this.row(tx, key, { lock: true });
      if (!row) return false;
      for (const table of CHILD_TABLES) {
        await tx(table).where({ workflow_id: row.id }).delete();
      }
      await tx('workflows').where({ id: row.id }).delete();
      return true;
    });
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
      if (version !== null && !(await this.hasVersion(tx, row.id, version))) {
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
    const rows = await this.db<TriggerRow>('workflow_triggers')
      .where({ workflow_id: row.id })
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return rows.map(toTrigger);
  }

  async createTrigger(
    key: WorkflowKey,
    input: WorkflowTriggerInput,
    options: { actor?: string },
  ): Promise<WorkflowTrigger> {
    const trigger = normalizeTrigger(input);
    const row = await this.requireRow(key);
    await this.assertTriggerVersion(row, trigger);
    const id = randomUUID();
    const now = new Date();
    await this.db('workflow_triggers').insert({
      id,
      workflow_id: row.id,
      ...this.triggerColumns(trigger),
      created_at: now,
      created_by: options.actor ?? null,
      updated_at: now,
    });
    return this.trigger(row.id, id);
  }

  async updateTrigger(
    key: WorkflowKey,
    id: string,
    input: WorkflowTriggerInput,
  ): Promise<WorkflowTrigger> {
    const trigger = normalizeTrigger(input);
    const row = await this.requireRow(key);
    await this.assertTriggerVersion(row, trigger);
    const updated = UUID_PATTERN.test(id)
      ? await this.db('workflow_triggers')
          .where({ id, workflow_id: row.id })
          .update({ ...this.triggerColumns(trigger), updated_at: new Date() })
      : 0;
    if (!updated) {
      throw new NotFoundError(`${keyText(key)} has no trigger '${id}'`);
    }
    return this.trigger(row.id, id);
  }

  async deleteTrigger(key: WorkflowKey, id: string): Promise<boolean> {
    const row = await this.requireRow(key);
    if (!UUID_PATTERN.test(id)) return false;
    const deleted = await this.db('workflow_triggers')
      .where({ id, workflow_id: row.id })
      .delete();
    return deleted > 0;
  }

  async usedBy(
    componentRef: string,
  ): Promise<Array<WorkflowKey & { title?: string; latestVersion: number }>> {
    const rows: Array<
      Pick<WorkflowRow, 'namespace' | 'name' | 'title' | 'latest_version'>
    > = await this.db('workflows')
      .join(
        'workflow_components',
        'workflow_components.workflow_id',
        'workflows.id',
      )
      .where('workflow_components.component_ref', normalizeRef(componentRef))
      .select(
        'workflows.namespace',
        'workflows.name',
        'workflows.title',
        'workflows.latest_version',
      )
      .orderBy(['workflows.namespace', 'workflows.name']);
    return rows.map(r => ({
      namespace: r.namespace,
      name: r.name,
      ...(r.title ? { title: r.title } : {}),
      latestVersion: Number(r.latest_version),
    }));
  }

  async exportPage(options: {
    source: WorkflowSource;
    limit: number;
    after?: string;
  }): Promise<{ items: Workflow[]; nextAfter?: string }> {
    const query = this.db('workflows')
      .join('workflow_versions', join =>
        join
          .on('workflow_versions.workflow_id', '=', 'workflows.id')
          .andOn('workflow_versions.version', '=', 'workflows.latest_version'),
      )
      .select('workflows.*', { document: 'workflow_versions.document' })
      .where('workflows.source', options.source)
      .orderBy('workflows.id')
      .limit(options.limit + 1);
    if (options.after !== undefined) {
      if (!UUID_PATTERN.test(options.after)) {
        throw new InputError(
          'after: must be an id returned by a previous page',
        );
      }
      query.where(
        'workflows.id',
        '>',
        options.after.toLocaleLowerCase('en-US'),
      );
    }
    const rows: Array<WorkflowRow & { document: string }> = await query;
    const page = rows.slice(0, options.limit);
    const summaries = await this.summaries(page);
    return {
      items: page.map((row, i) => ({
        ...summaries[i],
        document: JSON.parse(row.document),
      })),
      nextAfter:
        rows.length > options.limit ? page[page.length - 1].id : undefined,
    };
  }

  async listKeys(source: WorkflowSource): Promise<WorkflowKey[]> {
    return this.db<WorkflowRow>('workflows')
      .select('namespace', 'name')
      .where({ source })
      .orderBy(['namespace', 'name']);
  }

  /** Summaries of rows, with labels and component refs loaded for all at once. */
  private async summaries(rows: WorkflowRow[]): Promise<WorkflowSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(r => r.id);
    const [labelRows, componentRows] = await Promise.all([
      this.db('workflow_labels')
        .select('workflow_id', 'label', 'version')
        .whereIn('workflow_id', ids)
        .orderBy('label') as Promise<
        Array<{ workflow_id: string; label: string; version: number }>
      >,
      this.db('workflow_components')
        .select('workflow_id', 'component_ref')
        .whereIn('workflow_id', ids)
        .orderBy('component_ref') as Promise<
        Array<{ workflow_id: string; component_ref: string }>
      >,
    ]);
    const labels = new Map<string, Record<string, number>>();
    for (const r of labelRows) {
      const map = labels.get(r.workflow_id) ?? {};
      map[r.label] = Number(r.version);
      labels.set(r.workflow_id, map);
    }
    const components = new Map<string, string[]>();
    for (const r of componentRows) {
      const list = components.get(r.workflow_id) ?? [];
      list.push(r.component_ref);
      components.set(r.workflow_id, list);
    }
    return rows.map(row =>
      toSummary(row, labels.get(row.id) ?? {}, components.get(row.id) ?? []),
    );
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

  private async hasVersion(db: Knex, workflowId: string, version: number) {
    const found = await db('workflow_versions')
      .select('version')
      .where({ workflow_id: workflowId, version })
      .first();
    return Boolean(found);
  }

  private async assertTriggerVersion(
    row: WorkflowRow,
    trigger: WorkflowTriggerInput,
  ) {
    if (
      trigger.version !== undefined &&
      !(await this.hasVersion(this.db, row.id, trigger.version))
    ) {
      throw new InputError(
        `version: '${row.namespace}/${row.name}' has no version ${trigger.version}`,
      );
    }
  }

  private triggerColumns(trigger: WorkflowTriggerInput) {
    return {
      type: trigger.type,
      cron: trigger.cron ?? null,
      timezone: trigger.timezone ?? null,
      label: trigger.label ?? null,
      version: trigger.version ?? null,
      input: trigger.input === undefined ? null : JSON.stringify(trigger.input),
      enabled: trigger.enabled,
    };
  }

  private async trigger(workflowId: string, id: string) {
    const row = await this.db<TriggerRow>('workflow_triggers')
      .where({ id, workflow_id: workflowId })
      .first();
    return toTrigger(row!);
  }

  private async insertVersion(
    tx: Knex,
    id: string,
    version: number,
    input: NewWorkflowVersion,
    now: Date,
    actor?: string,
  ) {
    await tx('workflow_versions').insert({
      workflow_id: id,
      version,
      content_hash: contentHash(input.document),
      document: JSON.stringify(input.document),
      source_yaml: input.sourceYaml ?? null,
      message: input.message ?? null,
      restored_from: input.restoredFrom ?? null,
      created_at: now,
      created_by: actor ?? null,
    });
  }

  /** Rows derived from the newest document: tags and component refs. */
  private async writeDerived(tx: Knex, id: string, input: NewWorkflowVersion) {
    const tags = tagsOf(input.document);
    if (tags.length) {
      await tx('workflow_tags').insert(
        tags.map(tag => ({ workflow_id: id, tag })),
      );
    }
    const refs = componentRefsOf(input.document);
    if (refs.length) {
      await tx('workflow_components').insert(
        refs.map(component_ref => ({ workflow_id: id, component_ref })),
      );
    }
  }
}

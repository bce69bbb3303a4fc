import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  Component,
  ComponentFacets,
  ComponentFilter,
  ComponentInput,
  ComponentKey,
  ComponentPage,
  ComponentSource,
  ComponentStore,
  ComponentSummary,
  ComponentVersion,
  ListComponentsOptions,
} from './types';
import {
  contentHash,
  decodeCursor,
  encodeCursor,
  toIsoString,
} from './serialization';
import { applyPermissionCriteria } from './ownershipQuery';

const migrationsDir = resolvePackagePath(
  '@ai-ops/plugin-ai-components-backend',
  'migrations',
);

interface ComponentRow {
  id: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  type: string;
  owner: string;
  lifecycle: string;
  tags: string;
  system: string | null;
  source: string;
  source_location: string | null;
  runtime_type: string;
  latest_revision: number;
  version: string;
  search_text: string;
  created_at: Date | string | number;
  created_by: string | null;
  updated_at: Date | string | number;
  updated_by: string | null;
}

interface VersionRow {
  component_id: string;
  revision: number;
  version: string;
  spec: string;
  content_hash: string;
  change_note: string | null;
  created_at: Date | string | number;
  created_by: string | null;
}

const SORT_COLUMNS = {
  name: 'name',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
} as const;

const optional = <T>(value: T | null): T | undefined => value ?? undefined;

function toSummary(row: ComponentRow): ComponentSummary {
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    title: optional(row.title),
    description: optional(row.description),
    type: row.type as ComponentSummary['type'],
    owner: row.owner,
    lifecycle: row.lifecycle,
    tags: JSON.parse(row.tags),
    system: optional(row.system),
    source: row.source as ComponentSource,
    sourceLocation: optional(row.source_location),
    runtimeType: row.runtime_type,
    latestRevision: Number(row.latest_revision),
    version: row.version,
    createdAt: toIsoString(row.created_at),
    createdBy: optional(row.created_by),
    updatedAt: toIsoString(row.updated_at),
    updatedBy: optional(row.updated_by),
  };
}

function toVersion(row: VersionRow): ComponentVersion {
  return {
    revision: Number(row.revision),
    version: row.version,
    spec: JSON.parse(row.spec),
    contentHash: row.content_hash,
    changeNote: optional(row.change_note),
    createdAt: toIsoString(row.created_at),
    createdBy: optional(row.created_by),
  };
}

function searchText(key: ComponentKey, input: ComponentInput): string {
  return [key.name, input.title, input.description, ...input.tags, input.type]
    .filter(Boolean)
    .join(' ')
    .toLocaleLowerCase('en-US');
}

/** What a version's content hash covers: everything a user can change. */
function hashOf(input: ComponentInput): string {
  const { changeNote: _ignored, ...content } = input;
  return contentHash(content);
}

const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key/i.test(String((error as Error)?.message));

/**
 * Components and versions in the plugin's own database (PostgreSQL or
 * SQLite), with filtering, permission conditions and keyset pagination done in
 * SQL.
 *
 * @internal
 */
export class DatabaseComponentStore implements ComponentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseComponentStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseComponentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  private filtered(filter: ComponentFilter): Knex.QueryBuilder {
    const query = this.db<ComponentRow>('ai_components');
    if (filter.types?.length) query.whereIn('type', filter.types);
    if (filter.owners?.length) {
      query.whereIn(
        'owner',
        filter.owners.map(o => o.toLocaleLowerCase('en-US')),
      );
    }
    if (filter.lifecycles?.length)
      query.whereIn('lifecycle', filter.lifecycles);
    if (filter.sources?.length) query.whereIn('source', filter.sources);
    if (filter.tags?.length) {
      query.whereIn(
        'id',
        this.db('ai_component_tags')
          .select('component_id')
          .whereIn('tag', filter.tags),
      );
    }
    for (const word of (filter.q ?? '')
      .toLocaleLowerCase('en-US')
      .split(/\s+/)
      .filter(Boolean)) {
      query.where(
        'search_text',
        'like',
        `%${word.replace(/[%_\\]/g, c => `\\${c}`)}%`,
      );
    }
    if (filter.permission) {
      applyPermissionCriteria(query, filter.permission);
    }
    return query;
  }

  async list(options: ListComponentsOptions): Promise<ComponentPage> {
    const column = SORT_COLUMNS[options.sort];
    const { order } = options;
    const page = this.filtered(options.filter);
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor);
      const op = order === 'asc' ? '>' : '<';
      page.where(builder =>
        builder
          .where(column, op, cursor.v)
          .orWhere(inner =>
            inner.where(column, '=', cursor.v).andWhere('id', op, cursor.id),
          ),
      );
    }
    const { filter } = options;
    const narrowed = Boolean(
      filter.q ||
        filter.types?.length ||
        filter.owners?.length ||
        filter.tags?.length ||
        filter.lifecycles?.length ||
        filter.sources?.length ||
        filter.permission,
    );
    const ordered = page.clone().orderBy([
      { column, order },
      { column: 'id', order },
    ]);
    let rows: Array<ComponentRow & { total_count?: number | string }>;
    let count: number | string;
    if (narrowed && !options.cursor) {
      // The filter has to visit every match anyway (to sort them), so the
      // count comes from the same pass instead of a second query.
      rows = await ordered
        .select('*', this.db.raw('count(*) over () as total_count'))
        .limit(options.limit + 1);
      count = rows[0]?.total_count ?? 0;
    } else {
      // Unfiltered, the page is read from the sort index; counting is a
      // separate, index-only pass (and a cursor must not narrow the count).
      const [pageRows, [counted]] = await Promise.all([
        ordered.select('*').limit(options.limit + 1) as Promise<ComponentRow[]>,
        this.filtered(filter).count({ count: '*' }) as Promise<
          Array<{ count: number | string }>
        >,
      ]);
      rows = pageRows;
      count = counted.count;
    }
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    const rawSortValue = (row: ComponentRow) => {
      const value = row[column];
      return value instanceof Date
        ? value.toISOString()
        : (value as string | number);
    };
    return {
      items: items.map(({ total_count: _count, ...row }) => toSummary(row)),
      totalItems: Number(count),
      nextCursor:
        rows.length > options.limit && last
          ? encodeCursor({ v: rawSortValue(last), id: last.id })
          : undefined,
    };
  }

  async facets(filter: ComponentFilter): Promise<ComponentFacets> {
    const countBy = async (column: 'type' | 'owner' | 'lifecycle') => {
      const rows = await this.filtered(filter)
        .select({ value: column })
        .count({ count: '*' })
        .groupBy(column)
        .orderBy([{ column: 'count', order: 'desc' }, { column: 'value' }]);
      return rows.map((r: any) => ({ value: r.value, count: Number(r.count) }));
    };
    const tagRows = await this.db('ai_component_tags')
      .select({ value: 'tag' })
      .count({ count: '*' })
      .whereIn('component_id', this.filtered(filter).select('id'))
      .groupBy('tag')
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'value' }])
      .limit(100);
    const [type, owner, lifecycle] = await Promise.all([
      countBy('type'),
      countBy('owner'),
      countBy('lifecycle'),
    ]);
    return {
      type,
      owner,
      lifecycle,
      tag: tagRows.map((r: any) => ({
        value: r.value,
        count: Number(r.count),
      })),
    };
  }

  private async row(
    db: Knex,
    key: ComponentKey,
  ): Promise<ComponentRow | undefined> {
    return db<ComponentRow>('ai_components')
      .where({ namespace: key.namespace, name: key.name })
      .first();
  }

  async get(key: ComponentKey): Promise<Component | undefined> {
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const version = await this.db<VersionRow>('ai_component_versions')
      .where({ component_id: row.id, revision: row.latest_revision })
      .first();
    return { ...toSummary(row), spec: JSON.parse(version!.spec) };
  }

  async getOwners(keys: ComponentKey[]): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const rows = await this.db<ComponentRow>('ai_components')
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
    key: ComponentKey,
    input: ComponentInput,
    options: {
      actor?: string;
      source: ComponentSource;
      sourceLocation?: string;
    },
  ): Promise<Component> {
    const id = randomUUID();
    const now = new Date();
    try {
      await this.db.transaction(async tx => {
        if (await this.row(tx, key)) {
          throw new ConflictError(
            `name: a component named '${key.namespace}/${key.name}' already exists`,
          );
        }
        await tx('ai_components').insert({
          id,
          namespace: key.namespace,
          name: key.name,
          ...this.metadataColumns(key, input),
          source: options.source,
          source_location: options.sourceLocation ?? null,
          latest_revision: 1,
          version: input.version ?? '1',
          created_at: now,
          created_by: options.actor ?? null,
          updated_at: now,
          updated_by: options.actor ?? null,
        });
        await this.writeTags(tx, id, input.tags);
        await this.insertVersion(tx, id, 1, input, now, options.actor);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `name: a component named '${key.namespace}/${key.name}' already exists`,
        );
      }
      throw error;
    }
    return (await this.get(key))!;
  }

  async update(
    key: ComponentKey,
    input: ComponentInput,
    options: { actor?: string; sourceLocation?: string },
  ): Promise<{ component: Component; changed: boolean }> {
    const changed = await this.db.transaction(async tx => {
      const row = await this.row(tx, key);
      if (!row) {
        throw new NotFoundError(`No component '${key.namespace}/${key.name}'`);
      }
      const latest = await tx<VersionRow>('ai_component_versions')
        .where({ component_id: row.id, revision: row.latest_revision })
        .first();
      if (latest?.content_hash === hashOf(input)) {
        return false;
      }
      const revision = Number(row.latest_revision) + 1;
      const now = new Date();
      try {
        await this.insertVersion(
          tx,
          row.id,
          revision,
          input,
          now,
          options.actor,
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            `'${key.namespace}/${key.name}' changed while this update was written; retry it`,
          );
        }
        throw error;
      }
      await tx('ai_components')
        .where({ id: row.id })
        .update({
          ...this.metadataColumns(key, input),
          source_location: options.sourceLocation ?? row.source_location,
          latest_revision: revision,
          version: input.version ?? String(revision),
          updated_at: now,
          updated_by: options.actor ?? null,
        });
      await tx('ai_component_tags').where({ component_id: row.id }).delete();
      await this.writeTags(tx, row.id, input.tags);
      return true;
    });
    return { component: (await this.get(key))!, changed };
  }

  async delete(key: ComponentKey): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = await this.row(tx, key);
      if (!row) return false;
      await tx('ai_component_tags').where({ component_id: row.id }).delete();
      await tx('ai_component_versions')
        .where({ component_id: row.id })
        .delete();
      await tx('ai_components').where({ id: row.id }).delete();
      return true;
    });
  }

  async listVersions(
    key: ComponentKey,
  ): Promise<ComponentVersion[] | undefined> {
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const rows = await this.db<VersionRow>('ai_component_versions')
      .where({ component_id: row.id })
      .orderBy('revision', 'desc');
    return rows.map(toVersion);
  }

  async getVersion(
    key: ComponentKey,
    revision: number,
  ): Promise<ComponentVersion | undefined> {
    const row = await this.row(this.db, key);
    if (!row) return undefined;
    const version = await this.db<VersionRow>('ai_component_versions')
      .where({ component_id: row.id, revision })
      .first();
    return version && toVersion(version);
  }

  async exportPage(options: {
    source: ComponentSource;
    limit: number;
    after?: string;
  }): Promise<{ items: Component[]; nextAfter?: string }> {
    const query = this.db('ai_components as c')
      .join('ai_component_versions as v', join =>
        join
          .on('v.component_id', '=', 'c.id')
          .andOn('v.revision', '=', 'c.latest_revision'),
      )
      .select('c.*', { spec: 'v.spec' })
      .where('c.source', options.source)
      .orderBy('c.id')
      .limit(options.limit + 1);
    if (options.after) query.where('c.id', '>', options.after);
    const rows: Array<ComponentRow & { spec: string }> = await query;
    const items = rows.slice(0, options.limit);
    return {
      items: items.map(row => ({
        ...toSummary(row),
        spec: JSON.parse(row.spec),
      })),
      nextAfter:
        rows.length > options.limit ? items[items.length - 1].id : undefined,
    };
  }

  async exportVersion(source: ComponentSource): Promise<string> {
    // Every update bumps latest_revision and updated_at, a creation or a
    // deletion changes the count (and a creation the newest updated_at).
    const [row] = await this.db('ai_components')
      .where({ source })
      .count({ count: '*' })
      .sum({ revisions: 'latest_revision' })
      .max({ newest: 'updated_at' });
    const newest = row.newest ? toIsoString(row.newest) : '-';
    return `${Number(row.count)}.${Number(row.revisions ?? 0)}.${newest}`;
  }

  async listKeys(source: ComponentSource): Promise<ComponentKey[]> {
    return this.db<ComponentRow>('ai_components')
      .select('namespace', 'name')
      .where({ source });
  }

  private metadataColumns(key: ComponentKey, input: ComponentInput) {
    return {
      title: input.title ?? null,
      description: input.description ?? null,
      type: input.type,
      owner: input.owner.toLocaleLowerCase('en-US'),
      lifecycle: input.lifecycle,
      tags: JSON.stringify(input.tags),
      system: input.system ?? null,
      runtime_type: input.spec.runtime.type,
      search_text: searchText(key, input),
    };
  }

  private async writeTags(tx: Knex, id: string, tags: string[]) {
    const unique = [...new Set(tags)];
    if (unique.length) {
      await tx('ai_component_tags').insert(
        unique.map(tag => ({ component_id: id, tag })),
      );
    }
  }

  private async insertVersion(
    tx: Knex,
    id: string,
    revision: number,
    input: ComponentInput,
    now: Date,
    actor?: string,
  ) {
    await tx('ai_component_versions').insert({
      component_id: id,
      revision,
      version: input.version ?? String(revision),
      spec: JSON.stringify(input.spec),
      content_hash: hashOf(input),
      change_note: input.changeNote ?? null,
      created_at: now,
      created_by: actor ?? null,
    });
  }
}

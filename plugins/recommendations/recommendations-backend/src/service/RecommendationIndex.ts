import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EmbeddingProvider,
  IndexDocument,
  VectorIndex,
} from '@ai-ops/plugin-recommendations-node';
import { componentText, contentHash, workflowText } from './documents';
import { UsageSignals } from './signals';
import {
  ComponentRecord,
  Listed,
  RecommendationSources,
  RunRecord,
  RunSummary,
  WorkflowRecord,
} from './sources';

/** What one sync did. @internal */
export type SyncResult = {
  collection: string;
  components: number;
  workflows: number;
  embedded: number;
  removed: number;
  durationMs: number;
};

const isNotFound = (error: unknown) =>
  (error as { response?: { status?: number } })?.response?.status === 404;

/** How often a sync reads back what the write index holds. */
const RECONCILE_MS = 10 * 60_000;

/**
 * A value read again when the key it was read under changes (an undefined
 * key: every time) or when it is older than {@link RECONCILE_MS}.
 */
class Reread<K, V> {
  private kept?: { key: K; value: V; at: number };

  async get(key: K | undefined, read: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const kept = this.kept;
    if (
      key !== undefined &&
      kept?.key === key &&
      now - kept.at < RECONCILE_MS
    ) {
      return kept.value;
    }
    // Cleared first: a read that fails leaves nothing behind.
    this.kept = undefined;
    const value = await read();
    if (key !== undefined) this.kept = { key, value, at: now };
    return value;
  }

  clear() {
    this.kept = undefined;
  }
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function inParallel<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/**
 * The recommendations index and the state it ranks with. A sync reads every
 * component and workflow summary, re-reads the details of those whose change
 * stamp moved, re-embeds only documents whose text changed (content hash),
 * removes what is gone, reads succeeded runs it has not seen, and rebuilds
 * the usage signals. Syncs run one at a time and are idempotent.
 *
 * Writes go to `writeIndex` (the collection of the configured embedder).
 * Until its first sync completes, queries are served by `readIndex` (the
 * collection of a previous embedder, if any): vector queries there use the
 * stored vectors of documents, text queries fall back to keyword search.
 * After the first complete sync `onBuilt` runs (it points the Weaviate
 * alias at the new collection) and the new collection serves.
 *
 * @internal
 */
export class RecommendationIndex {
  readonly components = new Map<string, ComponentRecord>();
  readonly workflows = new Map<string, WorkflowRecord>();
  private readonly runs = new Map<string, RunRecord>();
  signals = new UsageSignals();
  /** How many components carry each tag (for rarity-weighted tag overlap). */
  tagFrequency = new Map<string, number>();
  lastSyncAt?: Date;
  lastSyncError?: string;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly documents = new Map<
    string,
    { stamp: string; document: IndexDocument }
  >();
  /** The components' listing, by the sources' components version. */
  private readonly componentsListing = new Reread<string, Listed[]>();
  /** The content hash of every document, by the index that holds them. */
  private readonly fingerprints = new Reread<
    VectorIndex,
    Map<string, string>
  >();
  /**
   * What the last complete sync left in step: the components listing it
   * brought the records up to and the fingerprints it brought the write
   * index up to (the same objects again mean nothing moved since).
   */
  private inStep?: {
    components: Listed[];
    fingerprints: Map<string, string>;
  };
  private built = false;
  private readIndex: VectorIndex;

  constructor(
    private readonly options: {
      sources: RecommendationSources;
      embedder: EmbeddingProvider;
      writeIndex: VectorIndex;
      /** Serves until the first sync into writeIndex completes; defaults to writeIndex. */
      readIndex?: VectorIndex;
      onBuilt?: () => Promise<void>;
      logger: LoggerService;
      maxRuns?: number;
    },
  ) {
    this.readIndex = options.readIndex ?? options.writeIndex;
  }

  get embedder() {
    return this.options.embedder;
  }

  /** The index queries go to. */
  get index(): VectorIndex {
    return this.readIndex;
  }

  /** False while a previous embedder's collection serves (its vectors are of another space). */
  get queryVectorsMatch(): boolean {
    return this.readIndex === this.options.writeIndex;
  }

  /** Brings the index up to date; concurrent calls run one after another. */
  sync(): Promise<SyncResult> {
    const run = this.queue.then(() => this.syncOnce());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(): Promise<SyncResult> {
    const started = Date.now();
    const { sources, writeIndex, logger } = this.options;
    try {
      await writeIndex.ensure();
      // A failed listing aborts the sync: nothing is removed on a partial view.
      const [components, workflows] = await Promise.all([
        this.listComponents(),
        sources.listWorkflows(),
      ]);
      // After a complete sync, the same listing object again (the sources'
      // version did not move) means the records are already up to it.
      const inStep = this.inStep;
      this.inStep = undefined;
      const componentsChanged =
        inStep?.components === components
          ? false
          : await this.refresh(this.components, components, l =>
              sources.getComponent(l),
            );
      const workflowsChanged = await this.refresh(
        this.workflows,
        workflows,
        l => sources.getWorkflow(l),
      );
      const fingerprints = await this.fingerprintsOf(writeIndex);
      // Nothing changed and the fingerprints are the ones the last sync
      // brought the index up to: nothing to compare, embed or remove.
      const { embedded, removed } =
        !componentsChanged &&
        !workflowsChanged &&
        inStep?.fingerprints === fingerprints
          ? { embedded: 0, removed: 0 }
          : await this.writeDocuments(writeIndex, fingerprints);

      const runsChanged = await this.refreshRuns();
      if (componentsChanged) {
        const tagFrequency = new Map<string, number>();
        for (const c of this.components.values()) {
          for (const t of c.tags) {
            tagFrequency.set(t, (tagFrequency.get(t) ?? 0) + 1);
          }
        }
        this.tagFrequency = tagFrequency;
      }
      if (componentsChanged || workflowsChanged || runsChanged) {
        this.signals = UsageSignals.build({
          components: this.components,
          workflows: this.workflows.values(),
          runs: this.runs.values(),
        });
      }

      if (!this.built) {
        await this.options.onBuilt?.();
        this.built = true;
      }
      if (this.readIndex !== writeIndex) {
        logger.info(
          `Recommendations now served from ${writeIndex.collection} (was ${this.readIndex.collection})`,
        );
        this.readIndex = writeIndex;
      }
      this.inStep = { components, fingerprints };
      this.lastSyncAt = new Date();
      this.lastSyncError = undefined;
      return {
        collection: writeIndex.collection,
        components: this.components.size,
        workflows: this.workflows.size,
        embedded,
        removed,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      this.lastSyncError = String(error);
      // What the index holds and every component are read again next time.
      this.fingerprints.clear();
      this.componentsListing.clear();
      throw error;
    }
  }

  /**
   * Embeds and writes the documents whose content hash the index does not
   * hold, removes those it holds that are gone; `fingerprints` follows.
   */
  private async writeDocuments(
    writeIndex: VectorIndex,
    fingerprints: Map<string, string>,
  ): Promise<{ embedded: number; removed: number }> {
    const documents = [
      ...[...this.components.values()].map(c =>
        this.documentOf(c, toComponentDocument),
      ),
      ...[...this.workflows.values()].map(w =>
        this.documentOf(w, toWorkflowDocument),
      ),
    ];
    const changed = documents.filter(
      d => fingerprints.get(d.ref) !== d.contentHash,
    );
    // Embedded 64 at a time, written 512 at a time; the vectors live in
    // the index only, not in the kept documents.
    for (let i = 0; i < changed.length; i += 512) {
      const batch = changed.slice(i, i + 512).map(d => ({ ...d }));
      for (let j = 0; j < batch.length; j += 64) {
        const part = batch.slice(j, j + 64);
        const vectors = await this.options.embedder.embed(
          part.map(d => d.text),
        );
        part.forEach((d, k) => (d.vector = vectors[k]));
      }
      await writeIndex.upsert(batch);
      for (const d of batch) fingerprints.set(d.ref, d.contentHash);
    }
    const present = new Set(documents.map(d => d.ref));
    const gone = [...fingerprints.keys()].filter(ref => !present.has(ref));
    if (gone.length) {
      await writeIndex.remove(gone);
      for (const ref of gone) fingerprints.delete(ref);
    }
    for (const ref of this.documents.keys()) {
      if (!present.has(ref)) this.documents.delete(ref);
    }
    return { embedded: changed.length, removed: gone.length };
  }

  /**
   * Every component's listing: the last one again while the sources'
   * components version is unchanged (and younger than {@link RECONCILE_MS}),
   * so a quiet sync of many components costs one small request.
   */
  private async listComponents(): Promise<Listed[]> {
    const { sources } = this.options;
    // The version is read before the listing: a change made while listing
    // gives another version next time, which lists again.
    const version = await sources.componentsVersion?.();
    return this.componentsListing.get(version, () => sources.listComponents());
  }

  /** The index document of a record, built again only when its stamp moved. */
  private documentOf<T extends { ref: string; stamp: string }>(
    record: T,
    build: (record: T) => IndexDocument,
  ): IndexDocument {
    const kept = this.documents.get(record.ref);
    if (kept?.stamp === record.stamp) return kept.document;
    const document = build(record);
    this.documents.set(record.ref, { stamp: record.stamp, document });
    return document;
  }

  /**
   * The content hash of every document the write index holds. Read from the
   * index on the first sync, after a failed one and every
   * {@link RECONCILE_MS} (other instances write the same collection), and
   * kept up to date by this instance's own writes in between, so a quiet
   * sync does not page through the whole collection.
   */
  private fingerprintsOf(index: VectorIndex) {
    return this.fingerprints.get(index, () => index.fingerprints());
  }

  /** Brings `cache` up to `listed`; true when anything in it changed. */
  private async refresh<T extends { stamp: string }>(
    cache: Map<string, T>,
    listed: Listed[],
    load: (listed: Listed) => Promise<T>,
  ): Promise<boolean> {
    const present = new Set(listed.map(l => l.ref));
    const before = cache.size;
    for (const ref of cache.keys()) if (!present.has(ref)) cache.delete(ref);
    const stale = listed.filter(l => cache.get(l.ref)?.stamp !== l.stamp);
    await inParallel(stale, 8, async l => {
      try {
        cache.set(l.ref, await load(l));
      } catch (error) {
        // Deleted between the listing and now.
        if (isNotFound(error)) cache.delete(l.ref);
        else throw error;
      }
    });
    return stale.length > 0 || cache.size !== before;
  }

  /**
   * Succeeded runs are immutable, so each is read once. Without the
   * executions capability (or while it fails) the signals from runs keep
   * their last state and the rest of the index still syncs.
   */
  private async refreshRuns(): Promise<boolean> {
    const { sources, logger } = this.options;
    let listed: RunSummary[];
    try {
      listed = await sources.listSucceededRuns(this.options.maxRuns ?? 2000);
    } catch (error) {
      logger.warn(`Recommendations could not list runs: ${error}`);
      return false;
    }
    const keep = new Set(listed.map(run => run.id));
    const before = this.runs.size;
    for (const id of this.runs.keys()) if (!keep.has(id)) this.runs.delete(id);
    const fresh = listed.filter(run => !this.runs.has(run.id));
    await inParallel(fresh, 4, async run => {
      try {
        this.runs.set(run.id, await sources.getRun(run));
      } catch (error) {
        if (!isNotFound(error)) {
          logger.warn(`Recommendations could not read run ${run.id}: ${error}`);
        }
      }
    });
    return fresh.length > 0 || this.runs.size !== before;
  }

  async count() {
    return this.readIndex.count();
  }
}

function toComponentDocument(c: ComponentRecord): IndexDocument {
  const text = componentText(c);
  return {
    ref: c.ref,
    kind: 'component',
    namespace: c.namespace,
    name: c.name,
    title: c.title,
    description: c.description,
    type: c.type,
    owner: c.owner,
    tags: c.tags,
    runtimeType: c.runtimeType,
    text,
    contentHash: contentHash(text),
    vector: [],
  };
}

function toWorkflowDocument(w: WorkflowRecord): IndexDocument {
  const text = workflowText(w);
  return {
    ref: w.ref,
    kind: 'workflow',
    namespace: w.namespace,
    name: w.name,
    title: w.title,
    description: w.description,
    owner: w.owner,
    tags: w.tags,
    text,
    contentHash: contentHash(text),
    vector: [],
  };
}

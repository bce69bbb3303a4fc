import weaviate, {
  Collection,
  Filters,
  FilterValue,
  WeaviateClient,
  generateUuid5,
} from 'weaviate-client';
import { EmbeddingSpace } from '../embeddings/EmbeddingProvider';
import { cosineSimilarity } from '../embeddings/text';
import {
  IndexDocument,
  IndexedKind,
  IndexFilter,
  IndexHit,
  NeighbourRef,
  VectorIndex,
} from './VectorIndex';
import { toNeighbourRefs } from './neighbours';

/**
 * Where a Weaviate server is: its HTTP (REST) and gRPC endpoints (the v3
 * client needs both) and an optional API key.
 *
 * @public
 */
export interface WeaviateConnectionOptions {
  /** e.g. `http://127.0.0.1:8079` or `https://weaviate.example.com` */
  httpUrl: string;
  /** e.g. `127.0.0.1:50051` or `https://grpc-weaviate.example.com:443` */
  grpcUrl: string;
  apiKey?: string;
}

function parseEndpoint(url: string, defaultPort: number) {
  const withScheme = /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
  const parsed = new URL(withScheme);
  const secure = parsed.protocol === 'https:' || parsed.protocol === 'grpcs:';
  let port = secure ? 443 : defaultPort;
  if (parsed.port) port = Number(parsed.port);
  return { host: parsed.hostname, port, secure };
}

/**
 * Opens a weaviate-client v3 connection (REST + gRPC).
 *
 * @public
 */
export async function connectWeaviate(
  options: WeaviateConnectionOptions,
): Promise<WeaviateClient> {
  const http = parseEndpoint(options.httpUrl, 8080);
  const grpc = parseEndpoint(options.grpcUrl, 50051);
  return weaviate.connectToCustom({
    httpHost: http.host,
    httpPort: http.port,
    httpSecure: http.secure,
    grpcHost: grpc.host,
    grpcPort: grpc.port,
    grpcSecure: grpc.secure,
    authCredentials: options.apiKey
      ? new weaviate.ApiKey(options.apiKey)
      : undefined,
    timeout: { init: 10, query: 30, insert: 120 },
  });
}

type Properties = {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  type?: string;
  owner?: string;
  tags: string[];
  runtimeType?: string;
  text: string;
  contentHash: string;
};

const RETURN_PROPERTIES: Array<keyof Properties> = [
  'ref',
  'kind',
  'namespace',
  'name',
  'title',
  'description',
  'type',
  'owner',
  'tags',
  'runtimeType',
  'text',
  'contentHash',
];

/** Neighbour queries need no text (only keyword queries explain matches with it). */
const NEIGHBOUR_PROPERTIES = RETURN_PROPERTIES.filter(
  p => p !== 'text' && p !== 'contentHash',
);

/**
 * A Weaviate collection holding one embedding space (vectorizer none: the
 * console supplies the vectors; HNSW with cosine distance). Objects are keyed
 * by a UUIDv5 of their entity ref, so writing one twice replaces it.
 *
 * The collection name comes from the embedding space
 * (`collectionName(prefix, space)`); an alias (`prefix`) points at the
 * collection that serves queries, see `WeaviateCollections`.
 *
 * @public
 */
export class WeaviateVectorIndex implements VectorIndex {
  readonly backend = 'weaviate' as const;

  constructor(
    private readonly client: WeaviateClient,
    readonly collection: string,
    private readonly options: { ef?: number; closeClient?: boolean } = {},
  ) {}

  /**
   * `<Prefix>_<provider>_<model>_<dimensions>`, in the characters Weaviate
   * allows in a class name.
   */
  static collectionName(prefix: string, space: EmbeddingSpace): string {
    const part = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 60);
    const name = `${prefix}_${part(space.provider)}_${part(space.model)}_${
      space.dimensions
    }`;
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  private get handle(): Collection<Properties, string> {
    return this.client.collections.use<string, Properties>(this.collection);
  }

  async ensure() {
    if (await this.client.collections.exists(this.collection)) return;
    const { configure } = weaviate;
    const { dataType, tokenization } = configure;
    const field = (name: string) => ({
      name,
      dataType: dataType.TEXT,
      tokenization: tokenization.FIELD,
      indexSearchable: false,
    });
    try {
      await this.client.collections.create({
        name: this.collection,
        description:
          'AI components and workflows of the AI Ops Console (recommendations index)',
        properties: [
          field('ref'),
          field('kind'),
          field('namespace'),
          {
            name: 'name',
            dataType: dataType.TEXT,
            tokenization: tokenization.WORD,
          },
          { name: 'title', dataType: dataType.TEXT, indexSearchable: false },
          {
            name: 'description',
            dataType: dataType.TEXT,
            indexSearchable: false,
          },
          field('type'),
          field('owner'),
          {
            name: 'tags',
            dataType: dataType.TEXT_ARRAY,
            tokenization: tokenization.FIELD,
            indexSearchable: false,
          },
          field('runtimeType'),
          {
            name: 'text',
            dataType: dataType.TEXT,
            tokenization: tokenization.WORD,
          },
          field('contentHash'),
        ],
        vectorizers: configure.vectors.selfProvided({
          vectorIndexConfig: configure.vectorIndex.hnsw({
            distanceMetric: 'cosine',
            ef: this.options.ef ?? 256,
            efConstruction: 128,
            maxConnections: 32,
          }),
        }),
        invertedIndex: configure.invertedIndex({ bm25b: 0.75, bm25k1: 1.2 }),
      });
    } catch (error) {
      // Another replica created it at the same time.
      if (!(await this.client.collections.exists(this.collection))) throw error;
    }
  }

  async upsert(documents: IndexDocument[]) {
    for (let i = 0; i < documents.length; i += 512) {
      const batch = documents.slice(i, i + 512);
      const result = await this.handle.data.insertMany(
        batch.map(document => ({
          id: generateUuid5(document.ref),
          properties: toProperties(document),
          vectors: document.vector,
        })),
      );
      if (result.hasErrors) {
        const first = Object.values(result.errors)[0];
        throw new Error(
          `Weaviate rejected ${Object.keys(result.errors).length} of ${
            batch.length
          } objects: ${first?.message}`,
        );
      }
    }
  }

  async remove(refs: string[]) {
    for (let i = 0; i < refs.length; i += 500) {
      const ids = refs.slice(i, i + 500).map(ref => generateUuid5(ref));
      await this.handle.data.deleteMany(
        this.handle.filter.byId().containsAny(ids),
      );
    }
  }

  async fingerprints() {
    const result = new Map<string, string>();
    for await (const object of this.handle.iterator({
      returnProperties: ['ref', 'contentHash'],
    })) {
      result.set(object.properties.ref, object.properties.contentHash);
    }
    return result;
  }

  async get(ref: string) {
    const object = await this.handle.query.fetchObjectById(generateUuid5(ref), {
      includeVector: true,
      returnProperties: RETURN_PROPERTIES,
    });
    return object ? toDocument(object) : undefined;
  }

  async count() {
    const counts: Record<IndexedKind, number> = { component: 0, workflow: 0 };
    for (const kind of Object.keys(counts) as IndexedKind[]) {
      const result = await this.handle.aggregate.overAll({
        filters: this.handle.filter.byProperty('kind').equal(kind),
      });
      counts[kind] = result.totalCount;
    }
    return counts;
  }

  async nearVector(
    vector: number[],
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    const result = await this.handle.query.nearVector(vector, {
      limit: options.limit,
      filters: this.filters(options.filter),
      returnProperties: NEIGHBOUR_PROPERTIES,
      returnMetadata: ['distance'],
    });
    return result.objects.map(object => {
      const similarity = 1 - (object.metadata?.distance ?? 1);
      return {
        document: toDocument(object),
        score: similarity,
        vectorSimilarity: similarity,
      };
    });
  }

  nearDocument(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    return this.nearObject(ref, options, NEIGHBOUR_PROPERTIES);
  }

  async nearRefs(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<NeighbourRef[]> {
    return toNeighbourRefs(
      await this.nearObject(ref, options, ['ref', 'kind']),
    );
  }

  /** Neighbours of a stored object, with `returnProperties` of each. */
  private async nearObject(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
    returnProperties: Array<keyof Properties>,
  ): Promise<IndexHit[]> {
    // Left out on this side: a filter on ids would turn the HNSW search into
    // a flat one for collections under Weaviate's flatSearchCutoff.
    const { excludeRefs = [], ...filter } = options.filter ?? {};
    const exclude = new Set([...excludeRefs, ref]);
    const result = await this.handle.query.nearObject(generateUuid5(ref), {
      limit: options.limit + exclude.size,
      filters: this.filters(filter),
      returnProperties,
      returnMetadata: ['distance'],
    });
    return result.objects
      .map(object => {
        const similarity = 1 - (object.metadata?.distance ?? 1);
        return {
          document: toDocument(object),
          score: similarity,
          vectorSimilarity: similarity,
        };
      })
      .filter(hit => !exclude.has(hit.document.ref))
      .slice(0, options.limit);
  }

  async bm25(
    query: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    const result = await this.handle.query.bm25(query, {
      queryProperties: ['text'],
      limit: options.limit,
      filters: this.filters(options.filter),
      returnProperties: RETURN_PROPERTIES,
      returnMetadata: ['score'],
    });
    return result.objects.map(object => ({
      document: toDocument(object),
      score: object.metadata?.score ?? 0,
      keywordScore: object.metadata?.score ?? 0,
    }));
  }

  async hybrid(
    query: string,
    vector: number[],
    options: { limit: number; alpha: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    const result = await this.handle.query.hybrid(query, {
      vector,
      alpha: options.alpha,
      fusionType: 'RelativeScore',
      queryProperties: ['text'],
      limit: options.limit,
      filters: this.filters(options.filter),
      includeVector: true,
      returnProperties: RETURN_PROPERTIES,
      returnMetadata: ['score', 'explainScore'],
    });
    return result.objects.map(object => {
      const document = toDocument(object);
      return {
        document,
        score: object.metadata?.score ?? 0,
        vectorSimilarity: cosineSimilarity(vector, document.vector),
        keywordScore: keywordPart(object.metadata?.explainScore),
      };
    });
  }

  private filters(filter: IndexFilter = {}): FilterValue | undefined {
    const f = this.handle.filter;
    const parts: FilterValue[] = [];
    if (filter.kind) parts.push(f.byProperty('kind').equal(filter.kind));
    if (filter.types?.length) {
      parts.push(f.byProperty('type').containsAny(filter.types));
    }
    if (filter.excludeRefs?.length) {
      parts.push(
        Filters.not(
          f
            .byId()
            .containsAny(filter.excludeRefs.map(ref => generateUuid5(ref))),
        ),
      );
    }
    if (parts.length === 0) return undefined;
    return parts.length === 1 ? parts[0] : Filters.and(...parts);
  }

  async close() {
    if (this.options.closeClient) await this.client.close();
  }
}

/**
 * The normalised keyword share of a relative-score-fusion result, from
 * Weaviate's explanation ("(Result Set keyword,bm25) Document ...: original
 * score X, normalized score: Y").
 */
function keywordPart(explain?: string): number {
  const match = explain?.match(
    /keyword,bm25\)[^:]*:[^,]*,\s*normalized score:\s*([0-9.eE+-]+)/,
  );
  return match ? Number(match[1]) : 0;
}

function toProperties(document: IndexDocument): Properties {
  const properties: Properties = {
    ref: document.ref,
    kind: document.kind,
    namespace: document.namespace,
    name: document.name,
    tags: document.tags,
    text: document.text,
    contentHash: document.contentHash,
  };
  for (const key of [
    'title',
    'description',
    'type',
    'owner',
    'runtimeType',
  ] as const) {
    if (document[key] !== undefined) properties[key] = document[key];
  }
  return properties;
}

function toDocument(object: {
  properties: Partial<Properties>;
  vectors?: Record<string, unknown>;
}): IndexDocument {
  const p = object.properties;
  const vectors = object.vectors ?? {};
  const vector = (vectors.default ??
    Object.values(vectors)[0] ??
    []) as number[];
  return {
    ref: p.ref ?? '',
    kind: (p.kind ?? 'component') as IndexedKind,
    namespace: p.namespace ?? '',
    name: p.name ?? '',
    title: p.title ?? undefined,
    description: p.description ?? undefined,
    type: p.type ?? undefined,
    owner: p.owner ?? undefined,
    tags: p.tags ?? [],
    runtimeType: p.runtimeType ?? undefined,
    text: p.text ?? '',
    contentHash: p.contentHash ?? '',
    vector,
  };
}

/**
 * The alias that names the collection serving queries. A new embedding space
 * gets a new collection, filled completely before the alias moves to it;
 * queries meanwhile keep going to the old one.
 *
 * @public
 */
export class WeaviateCollections {
  constructor(
    private readonly client: WeaviateClient,
    readonly alias: string,
  ) {}

  /** The collection the alias points at, if it exists. */
  async active(): Promise<string | undefined> {
    const aliases = (await this.client.alias.listAll()) ?? [];
    return aliases.find(a => a.alias === this.alias)?.collection;
  }

  /**
   * Points the alias at `collection`, then deletes the collection it pointed
   * at before (its vectors are of another embedding space).
   */
  async switchTo(collection: string): Promise<{ previous?: string }> {
    const previous = await this.active();
    if (previous === collection) return { previous };
    if (previous) {
      await this.client.alias.update({
        alias: this.alias,
        newTargetCollection: collection,
      });
      await this.client.collections.delete(previous);
    } else {
      await this.client.alias.create({ alias: this.alias, collection });
    }
    return { previous };
  }
}

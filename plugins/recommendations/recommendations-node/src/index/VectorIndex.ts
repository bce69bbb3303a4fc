/**
 * What the index holds: AI components and workflows.
 *
 * @public
 */
export type IndexedKind = 'component' | 'workflow';

/**
 * One indexed component or workflow: its display fields, the text that was
 * embedded and is searched by keyword, a hash of that text (so that a sync
 * re-embeds only what changed) and its vector.
 *
 * @public
 */
export interface IndexDocument {
  /** Entity ref, e.g. `aicomponent:default/gpt-4o-chat`; the document's key. */
  ref: string;
  kind: IndexedKind;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  /** Component type (model, prompt, ...); absent for workflows. */
  type?: string;
  owner?: string;
  tags: string[];
  runtimeType?: string;
  text: string;
  contentHash: string;
  vector: number[];
}

/** @public */
export interface IndexFilter {
  kind?: IndexedKind;
  /** Component types to keep. */
  types?: string[];
  /** Refs to leave out (e.g. the component results should be similar to). */
  excludeRefs?: string[];
}

/**
 * A search result. `vectorSimilarity` is the cosine similarity between the
 * query vector and the document's vector; `score` is what the index ranked
 * by (cosine for vector search, the fused score for hybrid search).
 *
 * @public
 */
export interface IndexHit {
  document: IndexDocument;
  score: number;
  vectorSimilarity?: number;
  /** The BM25 part of a hybrid score, normalised to 0..1 within the results. */
  keywordScore?: number;
}

/**
 * A neighbour named by its ref and kind only, with its vector similarity.
 *
 * @public
 */
export interface NeighbourRef {
  ref: string;
  kind: IndexedKind;
  vectorSimilarity: number;
}

/**
 * A store of vectors with exact or approximate nearest-neighbour search and
 * hybrid (BM25 + vector) search. One index holds one embedding space.
 *
 * @public
 */
export interface VectorIndex {
  readonly backend: 'memory' | 'weaviate';
  /** The collection documents are written to. */
  readonly collection: string;
  /** Creates the collection when it does not exist. */
  ensure(): Promise<void>;
  upsert(documents: IndexDocument[]): Promise<void>;
  remove(refs: string[]): Promise<void>;
  /** Every indexed ref with its content hash. */
  fingerprints(): Promise<Map<string, string>>;
  get(ref: string): Promise<IndexDocument | undefined>;
  count(): Promise<Record<IndexedKind, number>>;
  nearVector(
    vector: number[],
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]>;
  /**
   * Nearest neighbours of an indexed document (never the document itself),
   * by its stored vector, so the query needs no embedder. Hits may come
   * without their vectors. Without a kind or type filter, Weaviate searches
   * its HNSW graph; a filter can make it search exactly (and slower).
   */
  nearDocument(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]>;
  /**
   * The neighbours `nearDocument` finds, as refs and kinds only: for callers
   * that hold the documents themselves (less for the index to read and for
   * the client to decode).
   */
  nearRefs(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<NeighbourRef[]>;
  /** Keyword (BM25) search only; `keywordScore` is the raw BM25 score. */
  bm25(
    query: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]>;
  /**
   * BM25 over the documents' text fused with vector similarity by relative
   * score fusion: each list's scores scaled to 0..1, then
   * `alpha * vector + (1 - alpha) * keyword`.
   */
  hybrid(
    query: string,
    vector: number[],
    options: { limit: number; alpha: number; filter?: IndexFilter },
  ): Promise<IndexHit[]>;
  /** Releases connections. */
  close(): Promise<void>;
}

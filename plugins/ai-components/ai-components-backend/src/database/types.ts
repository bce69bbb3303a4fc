import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { OwnershipFilter } from '../permissions/ownership';

/** @internal */
export type ComponentType =
  | 'model'
  | 'prompt'
  | 'tool'
  | 'agent'
  | 'dataset'
  | 'evaluator';

/** @internal */
export type ComponentSource = 'console' | 'catalog';

/** The versioned part of a component: what a version freezes. @internal */
export type ComponentSpec = {
  runtime: { type: string; config?: JsonObject };
  inputSchema: JsonObject;
  outputSchema: JsonObject;
  pricing?: {
    inputPer1kTokens?: number;
    outputPer1kTokens?: number;
    perCall?: number;
  };
  dependsOn?: string[];
};

/** The descriptive part of a component, shared by all its versions. @internal */
export type ComponentMetadata = {
  title?: string;
  description?: string;
  type: ComponentType;
  owner: string;
  lifecycle: string;
  tags: string[];
  system?: string;
};

/** What a create or update writes. @internal */
export interface ComponentInput extends ComponentMetadata {
  version?: string;
  changeNote?: string;
  spec: ComponentSpec;
}

/** @internal */
export type ComponentSummary = ComponentMetadata & {
  id: string;
  namespace: string;
  name: string;
  source: ComponentSource;
  sourceLocation?: string;
  runtimeType: string;
  latestRevision: number;
  version: string;
  createdAt: string;
  createdBy?: string;
  updatedAt: string;
  updatedBy?: string;
};

/** @internal */
export type Component = ComponentSummary & {
  spec: ComponentSpec;
};

/** @internal */
export type ComponentVersion = {
  revision: number;
  version: string;
  spec: ComponentSpec;
  contentHash: string;
  changeNote?: string;
  createdAt: string;
  createdBy?: string;
};

/** @internal */
export interface ComponentFilter {
  types?: string[];
  owners?: string[];
  tags?: string[];
  lifecycles?: string[];
  sources?: ComponentSource[];
  /** Free text; every word must appear in name, title, description or tags. */
  q?: string;
  /** The conditions of a conditional read decision, applied in the query. */
  permission?: PermissionCriteria<OwnershipFilter>;
}

/** @internal */
export interface ListComponentsOptions {
  filter: ComponentFilter;
  sort: 'name' | 'updatedAt' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/** @internal */
export type ComponentPage = {
  items: ComponentSummary[];
  totalItems: number;
  nextCursor?: string;
};

/** @internal */
export type FacetCount = {
  value: string;
  count: number;
};

/** @internal */
export type ComponentFacets = {
  type: FacetCount[];
  owner: FacetCount[];
  tag: FacetCount[];
  lifecycle: FacetCount[];
};

/** A component address. @internal */
export interface ComponentKey {
  namespace: string;
  name: string;
}

/** Persistence of components and their versions. @internal */
export interface ComponentStore {
  list(options: ListComponentsOptions): Promise<ComponentPage>;
  facets(filter: ComponentFilter): Promise<ComponentFacets>;
  get(key: ComponentKey): Promise<Component | undefined>;
  /** Owner refs of components, in the order of `keys`; undefined when absent. */
  getOwners(keys: ComponentKey[]): Promise<Array<string | undefined>>;
  /** Throws ConflictError when the name is taken. */
  create(
    key: ComponentKey,
    input: ComponentInput,
    options: {
      actor?: string;
      source: ComponentSource;
      sourceLocation?: string;
    },
  ): Promise<Component>;
  /**
   * Writes a new version (revision + 1). When nothing changed, returns the
   * component as it is and writes no version.
   */
  update(
    key: ComponentKey,
    input: ComponentInput,
    options: { actor?: string; sourceLocation?: string },
  ): Promise<{ component: Component; changed: boolean }>;
  /** Returns false when there was nothing to delete. */
  delete(key: ComponentKey): Promise<boolean>;
  listVersions(key: ComponentKey): Promise<ComponentVersion[] | undefined>;
  getVersion(
    key: ComponentKey,
    revision: number,
  ): Promise<ComponentVersion | undefined>;
  /** Components with their latest spec, from one source, paged by id. */
  exportPage(options: {
    source: ComponentSource;
    limit: number;
    after?: string;
  }): Promise<{ items: Component[]; nextAfter?: string }>;
  /**
   * What {@link exportPage} would read, in a few characters: it changes
   * whenever a component of the source is created, updated or deleted.
   */
  exportVersion(source: ComponentSource): Promise<string>;
  /** Keys of all components from the given source. */
  listKeys(source: ComponentSource): Promise<ComponentKey[]>;
}

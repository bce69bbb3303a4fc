import { Component, ComponentSummary } from '../database/types';

/** The entity ref of a component, e.g. `aicomponent:default/gpt-4o-chat`. */
export const componentRef = (c: { namespace: string; name: string }) =>
  `aicomponent:${c.namespace}/${c.name}`;

/** A component summary as the API returns it. @internal */
export function summaryToApi(c: ComponentSummary) {
  return {
    ref: componentRef(c),
    namespace: c.namespace,
    name: c.name,
    title: c.title,
    description: c.description,
    type: c.type,
    owner: c.owner,
    lifecycle: c.lifecycle,
    tags: c.tags,
    system: c.system,
    source: c.source,
    sourceLocation: c.sourceLocation,
    readOnly: c.source === 'catalog',
    latestRevision: c.latestRevision,
    version: c.version,
    runtimeType: c.runtimeType,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy,
  };
}

/** A component with its latest spec as the API returns it. @internal */
export function componentToApi(c: Component) {
  return { ...summaryToApi(c), spec: c.spec };
}

// What the example catalog files (examples/*.yaml, registered by
// app-config.yaml) hold, as the integration tests expect to find it.

/** The component types of examples/ai-components.yaml, one of each, sorted. */
export const EXAMPLE_COMPONENT_TYPES = Object.freeze([
  'agent',
  'dataset',
  'evaluator',
  'model',
  'prompt',
  'tool',
]);

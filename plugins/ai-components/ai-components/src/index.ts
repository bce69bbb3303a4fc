/**
 * The ai-components frontend plugin.
 *
 * @packageDocumentation
 */

export { aiComponentsPlugin as default } from './plugin';
export { aiComponentsApiRef } from './api';
export type { AiComponentsApi } from './api';

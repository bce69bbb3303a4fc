/**
 * The recommendations frontend plugin: the `api:recommendations` extension
 * and the `/recommendations` page. The API ref and the views other plugins'
 * pages render live in `@ai-ops/plugin-recommendations-react`.
 *
 * @packageDocumentation
 */

export { recommendationsPlugin as default } from './plugin';

/**
 * Helpers the console's backend plugins share.
 *
 * @packageDocumentation
 */

export { ReadDecisionCache } from './ReadDecisionCache';
export { sendEntityExport, type ExportPage } from './entityExport';

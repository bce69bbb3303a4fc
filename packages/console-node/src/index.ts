/**
 * Helpers the console's backend plugins share.
 *
 * @packageDocumentation
 */

export { ReadDecisionCache } from './ReadDecisionCache';
export { sendEntityExport, type ExportPage } from './entityExport';
export {
  VerifiedUserTokens,
  DEFAULT_VERIFIED_USER_TOKENS,
} from './VerifiedUserTokens';

/**
 * React hooks and formatters the console's frontend plugins share.
 *
 * @packageDocumentation
 */

export { useCursorSearch } from './useCursorSearch';
export type { CursorPage, CursorSearchState } from './useCursorSearch';
export { formatDuration, formatUsd } from './format';

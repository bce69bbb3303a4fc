export { RuntimeConfigView } from './RuntimeConfigView';
export type { RuntimeConfigViewProps } from './RuntimeConfigView';

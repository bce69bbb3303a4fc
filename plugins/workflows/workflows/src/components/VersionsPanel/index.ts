export { VersionsPanel } from './VersionsPanel';
export type { VersionsPanelProps } from './VersionsPanel';

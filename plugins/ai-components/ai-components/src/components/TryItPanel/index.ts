export { TryItPanel } from './TryItPanel';
export type { TryItPanelProps } from './TryItPanel';

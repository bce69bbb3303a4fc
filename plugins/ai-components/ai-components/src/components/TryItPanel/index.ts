export { TryItPanel, formatUsd } from './TryItPanel';
export type { TryItPanelProps } from './TryItPanel';

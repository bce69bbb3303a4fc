export { PanelBoundary } from './PanelBoundary';

export { TriggersPanel } from './TriggersPanel';

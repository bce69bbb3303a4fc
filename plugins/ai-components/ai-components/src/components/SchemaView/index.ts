export { SchemaView } from './SchemaView';
export type { SchemaViewProps } from './SchemaView';

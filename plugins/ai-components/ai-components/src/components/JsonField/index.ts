export { JsonField } from './JsonField';
export type { JsonFieldProps } from './JsonField';

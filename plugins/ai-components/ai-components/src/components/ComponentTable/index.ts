export { ComponentTable } from './ComponentTable';
export type { ComponentTableProps } from './ComponentTable';

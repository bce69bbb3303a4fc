export { ComponentPage } from './ComponentPage';
export type { ComponentPageProps } from './ComponentPage';

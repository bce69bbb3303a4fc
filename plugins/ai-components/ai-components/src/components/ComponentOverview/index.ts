export { ComponentOverview } from './ComponentOverview';
export type { ComponentOverviewProps } from './ComponentOverview';

export { SourceBadge, sourceHref } from './SourceBadge';
export type { SourceBadgeProps } from './SourceBadge';

export { DeleteComponentButton } from './DeleteComponentButton';
export type { DeleteComponentButtonProps } from './DeleteComponentButton';

export { ComponentForm } from './ComponentForm';
export type { ComponentFormProps } from './ComponentForm';

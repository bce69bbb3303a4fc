export { JsonInputField, parseJsonInput } from './JsonInputField';

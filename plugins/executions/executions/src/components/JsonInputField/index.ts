export {
  describeInputSchema,
  JsonInputField,
  parseJsonInput,
} from './JsonInputField';

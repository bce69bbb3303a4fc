export {
  BufferedInput,
  jsonObjectCodec,
  listCodec,
  numberCodec,
} from './BufferedInput';
export type { TextCodec } from './BufferedInput';
export { DurationInput } from './DurationInput';
export { ExpressionInput } from './ExpressionInput';
export { GotoChoice } from './GotoChoice';
export type { GotoChoiceValue } from './GotoChoice';
export { MappingEditor } from './MappingEditor';
export type { MappingSchema } from './MappingEditor';
export { SelectInput } from './SelectInput';
export { TextInput } from './TextInput';

import { KeyboardEvent } from 'react';
import TextField from '@material-ui/core/TextField';
import { useFieldId } from './useFieldId';

/** Props of {@link TextInput}. */
export interface TextInputProps {
  label: string;
  value: string | undefined;
  onChange(value: string): void;
  helperText?: string;
  /** An error message; shown instead of the helper text. */
  error?: string;
  readOnly?: boolean;
  required?: boolean;
  multiline?: boolean;
  placeholder?: string;
  onBlur?(): void;
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>): void;
}

/** A small outlined text field of the editor's panels. */
export const TextInput = (props: TextInputProps) => {
  const id = useFieldId();
  return (
    <TextField
      id={id}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value)}
      onBlur={props.onBlur}
      onKeyDown={props.onKeyDown}
      error={!!props.error}
      helperText={props.error ?? props.helperText}
      required={props.required}
      multiline={props.multiline}
      placeholder={props.placeholder}
      fullWidth
      margin="dense"
      variant="outlined"
      size="small"
      InputProps={{ readOnly: props.readOnly }}
    />
  );
};

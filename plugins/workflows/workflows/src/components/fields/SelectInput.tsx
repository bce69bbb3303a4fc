import TextField from '@material-ui/core/TextField';
import { useFieldId } from './useFieldId';

/** Props of {@link SelectInput}. */
export interface SelectInputProps {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  readOnly?: boolean;
  helperText?: string;
}

/** A native select of the editor's panels. */
export const SelectInput = (props: SelectInputProps) => {
  const id = useFieldId();
  return (
    <TextField
      id={id}
      select
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      helperText={props.helperText}
      disabled={props.readOnly}
      SelectProps={{ native: true }}
      fullWidth
      margin="dense"
      variant="outlined"
      size="small"
    >
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
};

import { useMemo } from 'react';
import TextField from '@material-ui/core/TextField';
import { useFieldId } from './useFieldId';
import {
  checkExpressions,
  describeExpressionError,
} from '../../lib/expressionCheck';

/** Props of {@link ExpressionInput}. */
export interface ExpressionInputProps {
  label: string;
  value: string | undefined;
  onChange(value: string): void;
  helperText?: string;
  readOnly?: boolean;
  multiline?: boolean;
  placeholder?: string;
  /** The accessible name, when the visible label is not enough. */
  ariaLabel?: string;
}

/**
 * A text field that may hold `${{ jsonata }}` expressions; each is parsed
 * as it is typed, and a syntax error shows under the field with its
 * position in the text.
 */
export const ExpressionInput = (props: ExpressionInputProps) => {
  const { label, value, onChange, helperText, readOnly, multiline } = props;
  const id = useFieldId();
  const errors = useMemo(() => checkExpressions(value ?? ''), [value]);
  const message = errors.length
    ? errors.map(describeExpressionError).join('; ')
    : helperText;
  return (
    <TextField
      id={id}
      label={label}
      value={value ?? ''}
      onChange={e => onChange(e.target.value)}
      error={errors.length > 0}
      helperText={message}
      placeholder={props.placeholder}
      multiline={multiline}
      fullWidth
      margin="dense"
      variant="outlined"
      size="small"
      InputProps={{ readOnly }}
      inputProps={{
        'aria-label': props.ariaLabel,
        spellCheck: false,
        style: { fontFamily: 'monospace' },
      }}
      FormHelperTextProps={{ role: errors.length ? 'alert' : undefined }}
    />
  );
};

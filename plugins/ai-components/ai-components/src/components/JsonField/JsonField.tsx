import type { ReactNode } from 'react';
import TextField from '@mui/material/TextField';
import { parseJson } from '../../lib/json';

/**
 * Props of {@link JsonField}.
 *
 * @public
 */
export interface JsonFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Only JSON objects are valid. */
  objectOnly?: boolean;
  /** A message about the value from elsewhere (e.g. the server). */
  error?: string;
  helperText?: ReactNode;
  minRows?: number;
  required?: boolean;
  disabled?: boolean;
}

/**
 * A multi-line text field for JSON that shows parse errors inline as the
 * text is typed.
 *
 * @public
 */
export const JsonField = (props: JsonFieldProps) => {
  const { label, value, onChange, objectOnly, error, helperText } = props;
  const parsed =
    value.trim() === '' ? undefined : parseJson(value, { objectOnly });
  const parseError = parsed && !parsed.ok ? parsed.error : undefined;
  const message = parseError ?? error;
  return (
    <TextField
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      multiline
      minRows={props.minRows ?? 4}
      fullWidth
      required={props.required}
      disabled={props.disabled}
      error={!!message}
      helperText={message ?? helperText}
      inputProps={{
        spellCheck: false,
        style: { fontFamily: 'monospace', fontSize: '0.85rem' },
      }}
    />
  );
};

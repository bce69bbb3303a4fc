import { useEffect, useRef, useState } from 'react';
import TextField from '@material-ui/core/TextField';
import { useFieldId } from './useFieldId';
import { stableStringify } from '@ai-ops/plugin-workflows-common';

/** How a buffered field turns its text into a value and back. */
export interface TextCodec<T> {
  format(value: T | undefined): string;
  /** The value of the text, or an error message for text that is not one. */
  parse(text: string): { value: T | undefined } | { error: string };
}

/** Props of {@link BufferedInput}. */
export interface BufferedInputProps<T> {
  label: string;
  value: T | undefined;
  onChange(value: T | undefined): void;
  codec: TextCodec<T>;
  helperText?: string;
  readOnly?: boolean;
  multiline?: boolean;
  minRows?: number;
  monospace?: boolean;
  placeholder?: string;
}

/**
 * A text field over a value that is not plain text (a number, a list, JSON):
 * the text is kept while typed, the value changes whenever the text parses,
 * and text that does not parse shows why. A new value from outside replaces
 * the text.
 */
export function BufferedInput<T>(props: BufferedInputProps<T>) {
  const { value, onChange, codec } = props;
  const id = useFieldId();
  const [text, setText] = useState(() => codec.format(value));
  const [error, setError] = useState<string>();
  const committed = useRef(stableStringify(value));

  useEffect(() => {
    const incoming = stableStringify(value);
    if (incoming !== committed.current) {
      committed.current = incoming;
      setText(codec.format(value));
      setError(undefined);
    }
  }, [value, codec]);

  const change = (next: string) => {
    setText(next);
    const parsed = codec.parse(next);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    committed.current = stableStringify(parsed.value);
    onChange(parsed.value);
  };

  return (
    <TextField
      id={id}
      label={props.label}
      value={text}
      onChange={e => change(e.target.value)}
      error={!!error}
      helperText={error ?? props.helperText}
      multiline={props.multiline}
      minRows={props.minRows}
      placeholder={props.placeholder}
      fullWidth
      margin="dense"
      variant="outlined"
      size="small"
      InputProps={{ readOnly: props.readOnly }}
      inputProps={{
        spellCheck: false,
        style: props.monospace ? { fontFamily: 'monospace' } : undefined,
      }}
    />
  );
}

/** Numbers; empty text is no value. */
export const numberCodec = (options: { integer?: boolean } = {}) =>
  ({
    format: v => (v === undefined ? '' : String(v)),
    parse: text => {
      if (text.trim() === '') return { value: undefined };
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: 'Must be a number' };
      if (options.integer && !Number.isInteger(n)) {
        return { error: 'Must be a whole number' };
      }
      return { value: n };
    },
  } as TextCodec<number>);

/** Comma-separated lists; an empty list is no value. */
export const listCodec: TextCodec<string[]> = {
  format: v => (v ?? []).join(', '),
  parse: text => {
    const items = text
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    return { value: items.length ? items : undefined };
  },
};

/** A JSON object; empty text is no value. */
export const jsonObjectCodec: TextCodec<Record<string, unknown>> = {
  format: v => (v === undefined ? '' : JSON.stringify(v, null, 2)),
  parse: text => {
    if (text.trim() === '') return { value: undefined };
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        return { error: 'Must be a JSON object' };
      }
      return { value };
    } catch (e) {
      return { error: `Not JSON: ${e instanceof Error ? e.message : e}` };
    }
  },
};

import { DURATION_PATTERN } from '@ai-ops/plugin-workflows-common';
import { TextInput } from './TextInput';

/** Props of {@link DurationInput}. */
export interface DurationInputProps {
  label: string;
  value: string | undefined;
  /** Called with undefined when the field is cleared. */
  onChange(value: string | undefined): void;
  readOnly?: boolean;
  required?: boolean;
}

/** A duration such as `30s`, checked as it is typed. */
export const DurationInput = (props: DurationInputProps) => {
  const value = props.value ?? '';
  const invalid = value !== '' && !DURATION_PATTERN.test(value);
  return (
    <TextInput
      label={props.label}
      value={value}
      onChange={v => props.onChange(v.trim() === '' ? undefined : v.trim())}
      error={
        invalid ? 'A duration such as 500ms, 30s, 5m, 2h or 1d' : undefined
      }
      helperText="e.g. 30s, 5m, 2h"
      readOnly={props.readOnly}
      required={props.required}
    />
  );
};

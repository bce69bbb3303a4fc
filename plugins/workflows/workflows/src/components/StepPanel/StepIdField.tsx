import { useEffect, useState } from 'react';
import { STEP_ID_PATTERN } from '@ai-ops/plugin-workflows-common';
import { TextInput } from '../fields';

/** Props of {@link StepIdField}. */
export interface StepIdFieldProps {
  id: string;
  otherIds: string[];
  readOnly?: boolean;
  /** Called on blur or Enter with a valid, unused id. */
  onRename(id: string): void;
}

/**
 * The id of a step. A rename is applied when the field is left, so the
 * references to the step follow it once, not letter by letter.
 */
export const StepIdField = (props: StepIdFieldProps) => {
  const { id, otherIds } = props;
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  let error: string | undefined;
  if (!STEP_ID_PATTERN.test(text)) {
    error =
      'Starts with a letter; letters, digits, _ or - (at most 63 characters)';
  } else if (text !== id && otherIds.includes(text)) {
    error = 'Another step has this id';
  }
  const commit = () => {
    if (!error && text !== id) props.onRename(text);
  };
  return (
    <TextInput
      label="Step id"
      value={text}
      onChange={setText}
      onBlur={commit}
      onKeyDown={e => {
        if (e.key === 'Enter') commit();
      }}
      error={error}
      helperText={text !== id ? 'Applied when you leave the field' : undefined}
      readOnly={props.readOnly}
      required
    />
  );
};

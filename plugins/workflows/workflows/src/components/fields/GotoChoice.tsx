import { isRecord } from '../../lib/objects';
import { SelectInput } from './SelectInput';

/** A choice such as `fail`, or `{ goto: <step> }`. */
export type GotoChoiceValue = string | { goto: string } | undefined;

/** Props of {@link GotoChoice}. */
export interface GotoChoiceProps {
  label: string;
  value: GotoChoiceValue;
  /** The plain choices, e.g. fail and continue, with their labels. */
  choices: Array<{ value: string; label: string }>;
  /** Steps a run may go to. */
  stepIds: string[];
  /** What "not set" means, e.g. "Default (fail)". */
  unsetLabel: string;
  onChange(value: GotoChoiceValue): void;
  readOnly?: boolean;
}

/**
 * A setting that is one of a few words or a jump to another step, as a
 * select and, for the jump, a select of the step.
 */
export const GotoChoice = (props: GotoChoiceProps) => {
  const { value, stepIds } = props;
  const goto = isRecord(value) ? value.goto : undefined;
  let mode = '';
  if (goto !== undefined) mode = 'goto';
  else if (typeof value === 'string') mode = value;
  const targets =
    goto && !stepIds.includes(goto) ? [goto, ...stepIds] : stepIds;
  return (
    <>
      <SelectInput
        label={props.label}
        value={mode}
        readOnly={props.readOnly}
        options={[
          { value: '', label: props.unsetLabel },
          ...props.choices,
          { value: 'goto', label: 'Go to a step' },
        ]}
        onChange={next => {
          if (next === '') props.onChange(undefined);
          else if (next === 'goto') props.onChange({ goto: stepIds[0] ?? '' });
          else props.onChange(next);
        }}
      />
      {goto !== undefined && (
        <SelectInput
          label={`${props.label}: go to step`}
          value={goto}
          readOnly={props.readOnly}
          options={[
            ...(goto === '' ? [{ value: '', label: 'Choose a step' }] : []),
            ...targets.map(id => ({ value: id, label: id })),
          ]}
          onChange={next => props.onChange({ goto: next })}
        />
      )}
    </>
  );
};

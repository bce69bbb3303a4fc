import Typography from '@material-ui/core/Typography';
import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import {
  BufferedInput,
  DurationInput,
  ExpressionInput,
  GotoChoice,
  listCodec,
  numberCodec,
} from '../fields';

const integer = numberCodec({ integer: true });
const decimal = numberCodec();

/** Props of {@link BehaviourFields}. */
export interface BehaviourFieldsProps {
  step: WorkflowStep;
  /** Steps the run may go to from this one. */
  otherIds: string[];
  readOnly?: boolean;
  set(path: string[], value: unknown): void;
}

const Heading = (props: { children: string }) => (
  <Typography variant="subtitle2" component="h4" style={{ marginTop: 12 }}>
    {props.children}
  </Typography>
);

/**
 * How a step runs: its condition, loop, retries, time limit and what
 * happens when it fails.
 */
export const BehaviourFields = (props: BehaviourFieldsProps) => {
  const { step, readOnly, set } = props;
  const isApproval = step.approval !== undefined;
  return (
    <>
      <Heading>Condition</Heading>
      <ExpressionInput
        label="If"
        value={step.if}
        onChange={v => set(['if'], v)}
        helperText="Runs only when true, e.g. ${{ input.urgent }}"
        readOnly={readOnly}
      />

      {!isApproval && (
        <>
          <Heading>For each</Heading>
          <ExpressionInput
            label="For each: items"
            value={step.forEach?.items}
            onChange={v => set(['forEach', 'items'], v)}
            helperText="An array; each element is item, its index index"
            readOnly={readOnly}
          />
          <BufferedInput
            label="For each: concurrency"
            value={step.forEach?.concurrency}
            onChange={v => set(['forEach', 'concurrency'], v)}
            codec={integer}
            readOnly={readOnly}
          />

          <Heading>Retry</Heading>
          <BufferedInput
            label="Max attempts"
            value={step.retry?.maxAttempts}
            onChange={v => set(['retry', 'maxAttempts'], v)}
            codec={integer}
            readOnly={readOnly}
          />
          <DurationInput
            label="Initial interval"
            value={step.retry?.initialInterval}
            onChange={v => set(['retry', 'initialInterval'], v)}
            readOnly={readOnly}
          />
          <BufferedInput
            label="Backoff coefficient"
            value={step.retry?.backoffCoefficient}
            onChange={v => set(['retry', 'backoffCoefficient'], v)}
            codec={decimal}
            readOnly={readOnly}
          />
          <DurationInput
            label="Max interval"
            value={step.retry?.maxInterval}
            onChange={v => set(['retry', 'maxInterval'], v)}
            readOnly={readOnly}
          />
          <BufferedInput
            label="Non-retryable error types"
            value={step.retry?.nonRetryableErrorTypes}
            onChange={v => set(['retry', 'nonRetryableErrorTypes'], v)}
            codec={listCodec}
            helperText="Comma-separated"
            readOnly={readOnly}
          />

          <Heading>Limits and errors</Heading>
          <DurationInput
            label="Timeout"
            value={step.timeout}
            onChange={v => set(['timeout'], v)}
            readOnly={readOnly}
          />
        </>
      )}
      <GotoChoice
        label="On error"
        value={step.onError as any}
        choices={[
          { value: 'fail', label: 'Fail the run' },
          { value: 'continue', label: 'Continue' },
        ]}
        unsetLabel="Default (fail the run)"
        stepIds={props.otherIds}
        onChange={v => set(['onError'], v)}
        readOnly={readOnly}
      />
    </>
  );
};

import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import {
  BufferedInput,
  DurationInput,
  ExpressionInput,
  GotoChoice,
  listCodec,
} from '../fields';

/** Props of {@link ApprovalFields}. */
export interface ApprovalFieldsProps {
  step: WorkflowStep;
  otherIds: string[];
  readOnly?: boolean;
  set(path: string[], value: unknown): void;
}

/** An approval step: the message, who decides, and in how long. */
export const ApprovalFields = (props: ApprovalFieldsProps) => {
  const { step, readOnly, set } = props;
  const approval = step.approval ?? { timeout: '' };
  return (
    <>
      <Typography variant="subtitle2" component="h4" style={{ marginTop: 12 }}>
        Approval
      </Typography>
      <ExpressionInput
        label="Approval message"
        value={approval.message}
        onChange={v => set(['approval', 'message'], v)}
        multiline
        readOnly={readOnly}
      />
      <FormControlLabel
        label="Members of the owning group may decide"
        control={
          <Checkbox
            checked={approval.approvers?.owners ?? true}
            disabled={readOnly}
            onChange={e =>
              set(
                ['approval', 'approvers', 'owners'],
                e.target.checked ? undefined : false,
              )
            }
          />
        }
      />
      <BufferedInput
        label="Approver groups"
        value={approval.approvers?.groups}
        onChange={v => set(['approval', 'approvers', 'groups'], v)}
        codec={listCodec}
        helperText="Comma-separated, e.g. group:default/sre"
        readOnly={readOnly}
      />
      <BufferedInput
        label="Approver roles"
        value={approval.approvers?.roles}
        onChange={v => set(['approval', 'approvers', 'roles'], v)}
        codec={listCodec}
        helperText="Comma-separated, e.g. role:default/operator"
        readOnly={readOnly}
      />
      <DurationInput
        label="Approval timeout"
        value={approval.timeout}
        onChange={v => set(['approval', 'timeout'], v)}
        readOnly={readOnly}
        required
      />
      <GotoChoice
        label="On timeout"
        value={approval.onTimeout as any}
        choices={[
          { value: 'reject', label: 'Reject' },
          { value: 'approve', label: 'Approve' },
        ]}
        unsetLabel="Default (reject)"
        stepIds={props.otherIds}
        onChange={v => set(['approval', 'onTimeout'], v)}
        readOnly={readOnly}
      />
      <GotoChoice
        label="On reject"
        value={approval.onReject as any}
        choices={[{ value: 'fail', label: 'Fail the run' }]}
        unsetLabel="Default (fail the run)"
        stepIds={props.otherIds}
        onChange={v => set(['approval', 'onReject'], v)}
        readOnly={readOnly}
      />
    </>
  );
};

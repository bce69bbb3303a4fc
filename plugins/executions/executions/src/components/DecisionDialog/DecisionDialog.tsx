import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ApprovalResultDto } from '@ai-ops/plugin-executions-common';
import { errorMessage, executionsApiRef } from '../../api';

/** Which decision the dialog asks for. */
export type Decision = 'approve' | 'reject';

/**
 * Approves or rejects the approval step (or budget pause) a run waits on,
 * with an optional comment. The server checks that the user may decide.
 */
export const DecisionDialog = (props: {
  executionId: string;
  stepId: string;
  decision?: Decision;
  message?: string;
  onClose(): void;
  onDecided(result: ApprovalResultDto): void;
}) => {
  const api = useApi(executionsApiRef);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { decision } = props;
  const verb = decision === 'reject' ? 'Reject' : 'Approve';

  const decide = async () => {
    if (!decision) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.decideApproval(props.executionId, {
        stepId: props.stepId,
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setComment('');
      props.onDecided(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={!!decision} onClose={props.onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {verb} step {props.stepId}
      </DialogTitle>
      <DialogContent>
        {props.message && (
          <Typography variant="body2" paragraph>
            {props.message}
          </Typography>
        )}
        <TextField
          id="decision-comment"
          fullWidth
          multiline
          minRows={2}
          label="Comment"
          value={comment}
          onChange={e => setComment(e.target.value)}
          inputProps={{ maxLength: 2000 }}
        />
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
        <Button
          variant="contained"
          color={decision === 'reject' ? 'secondary' : 'primary'}
          disabled={busy}
          onClick={decide}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

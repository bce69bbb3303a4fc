import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { workflowUpdatePermission } from '@ai-ops/plugin-workflows-common';
import { errorMessage, executionsApiRef } from '../../api';
import { formatTime } from '../../lib/format';
import type { EntityKey } from '../../lib/paths';

/** The bounds the executions API accepts for `days`. */
const MIN_DAYS = 1;
const MAX_DAYS = 36500;

/**
 * How long a workflow's finished runs are kept, and, for who may update the
 * workflow, a form to set it or go back to the default. Pinned runs are
 * kept whatever it says.
 */
export const RetentionCard = (props: { workflow: EntityKey }) => {
  const { workflow } = props;
  const api = useApi(executionsApiRef);
  const ref = `aiworkflow:${workflow.namespace}/${workflow.name}`;
  const canChange = usePermission({
    permission: workflowUpdatePermission,
    resourceRef: ref,
  }).allowed;
  const policy = useAsyncRetry(
    () => api.getWorkflowRetention(workflow),
    [api, workflow.namespace, workflow.name],
  );
  const [days, setDays] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (policy.value) setDays(String(policy.value.days));
  }, [policy.value]);

  const change = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      policy.retry();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const value = Number(days);
    if (!Number.isInteger(value) || value < MIN_DAYS || value > MAX_DAYS) {
      setError(
        `days: a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}, not '${days}'`,
      );
      return;
    }
    change(() => api.putWorkflowRetention(workflow, value));
  };

  let body;
  if (policy.loading && !policy.value) body = <Progress />;
  else if (policy.error) body = <ResponseErrorPanel error={policy.error} />;
  else if (policy.value) {
    const p = policy.value;
    body = (
      <>
        <Typography variant="body2" paragraph data-testid="retention-policy">
          Finished runs are removed after {p.days} days
          {p.source === 'default'
            ? ' (the default of this console).'
            : ` (set for this workflow${
                p.updatedBy ? ` by ${p.updatedBy}` : ''
              }${p.updatedAt ? ` on ${formatTime(p.updatedAt)}` : ''}).`}{' '}
          Pinned runs are kept.
        </Typography>
        {canChange && (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <TextField
              id="retention-days"
              label="Keep finished runs (days)"
              type="number"
              size="small"
              variant="outlined"
              value={days}
              inputProps={{ min: MIN_DAYS, max: MAX_DAYS }}
              onChange={e => setDays(e.target.value)}
            />
            <Button
              variant="contained"
              color="primary"
              disabled={busy || days === String(p.days)}
              onClick={save}
            >
              Save
            </Button>
            {p.source === 'workflow' && (
              <Button
                variant="outlined"
                disabled={busy}
                onClick={() =>
                  change(() => api.deleteWorkflowRetention(workflow))
                }
              >
                Use the default
              </Button>
            )}
          </Box>
        )}
        {error && (
          <Typography color="error" variant="body2" role="alert">
            {error}
          </Typography>
        )}
      </>
    );
  }
  return <InfoCard title="Retention">{body}</InfoCard>;
};

import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { discoveryApiRef } from '@backstage/frontend-plugin-api';
import type {
  WorkflowDto,
  WorkflowTriggerDto,
  WorkflowTriggerInputDto,
} from '@ai-ops/plugin-workflows-common';
import { errorMessage, workflowsApiRef } from '../../api';
import { triggerInputOf, triggerName, webhookUrl } from '../../lib/triggers';
import { Banner } from '../Banner';
import { SecretDialog } from './SecretDialog';
import { TriggerDialog } from './TriggerDialog';
import { TriggersTable } from './TriggersTable';

/** Props of {@link TriggersPanel}. */
export interface TriggersPanelProps {
  workflow: WorkflowDto;
  /** Whether the user may add, change and remove triggers (the update permission). */
  canManage: boolean;
}

/** A secret to show once, with the webhook it belongs to. */
interface ShownSecret {
  title: string;
  secret: string;
  triggerId: string;
}

/** A question before a change that cannot be undone. */
type Confirmation =
  | { action: 'delete'; trigger: WorkflowTriggerDto }
  | { action: 'rotate'; trigger: WorkflowTriggerDto };

/**
 * The triggers of a workflow: cron schedules (Temporal Schedules) and
 * webhooks (authenticated by a secret of their own, shown once). Those who
 * may update the workflow add, edit, enable or disable and delete them, and
 * rotate webhook secrets; what the server refuses is shown with its reason.
 */
export const TriggersPanel = (props: TriggersPanelProps) => {
  const { workflow, canManage } = props;
  const api = useApi(workflowsApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const key = { namespace: workflow.namespace, name: workflow.name };
  const data = useAsyncRetry(async () => {
    const [triggers, executions] = await Promise.all([
      api.listTriggers({ namespace: workflow.namespace, name: workflow.name }),
      // Webhooks are called at the executions backend; without its URL the
      // triggers are still listed.
      discoveryApi.getBaseUrl('executions').then(
        url => ({ url, error: undefined }),
        (error: unknown) => ({ url: undefined, error: errorMessage(error) }),
      ),
    ]);
    return { triggers, executions };
  }, [api, discoveryApi, workflow.namespace, workflow.name]);

  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [editing, setEditing] = useState<WorkflowTriggerDto | 'new'>();
  const [confirming, setConfirming] = useState<Confirmation>();
  const [shownSecret, setShownSecret] = useState<ShownSecret>();

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      setNotice({ ok: true, text: await action() });
    } catch (e) {
      setNotice({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
      data.retry();
    }
  };

  const save = async (body: WorkflowTriggerInputDto) => {
    const before = editing === 'new' ? undefined : editing;
    const saved = before
      ? await api.updateTrigger(key, before.id, body)
      : await api.createTrigger(key, body);
    setEditing(undefined);
    setNotice({
      ok: true,
      text: before
        ? `Saved ${triggerName(saved)}`
        : `Added ${triggerName(saved)}`,
    });
    if (saved.secret) {
      setShownSecret({
        title: before ? 'Webhook secret' : 'Webhook created',
        secret: saved.secret,
        triggerId: saved.id,
      });
    }
    data.retry();
  };

  const toggle = (trigger: WorkflowTriggerDto) =>
    run(async () => {
      const updated = await api.updateTrigger(
        key,
        trigger.id,
        triggerInputOf(trigger, { enabled: !trigger.enabled }),
      );
      return `${updated.enabled ? 'Enabled' : 'Disabled'} ${triggerName(
        updated,
      )}`;
    });

  const confirm = () => {
    if (!confirming) return;
    const { action, trigger } = confirming;
    setConfirming(undefined);
    if (action === 'delete') {
      run(async () => {
        await api.deleteTrigger(key, trigger.id);
        return `Deleted ${triggerName(trigger)}`;
      });
    } else {
      run(async () => {
        const rotated = await api.rotateTriggerSecret(key, trigger.id);
        setShownSecret({
          title: 'New webhook secret',
          secret: rotated.secret,
          triggerId: rotated.id,
        });
        return `Rotated the secret of ${triggerName(
          rotated,
        )}; the old one no longer works`;
      });
    }
  };

  if (data.loading && !data.value) return <Progress />;
  if (data.error && !data.value)
    return <ResponseErrorPanel error={data.error} />;
  const { triggers, executions } = data.value!;

  return (
    <Box component="section" aria-label="Triggers of the workflow">
      {notice && (
        <Banner
          severity={notice.ok ? 'success' : 'error'}
          testId="triggers-notice"
        >
          {notice.text}
        </Banner>
      )}
      <Paper variant="outlined" style={{ padding: 16 }}>
        <Box display="flex" justifyContent="space-between" alignItems="center">
          <Typography variant="h6" component="h3">
            {triggers.length} {triggers.length === 1 ? 'trigger' : 'triggers'}
          </Typography>
          {canManage && (
            <Button
              variant="outlined"
              color="primary"
              startIcon={<AddIcon />}
              disabled={busy}
              onClick={() => setEditing('new')}
            >
              Add trigger
            </Button>
          )}
        </Box>
        <Typography variant="body2" color="textSecondary">
          Schedules start runs on a cron schedule; webhooks start one for each
          call that carries their secret. Each runs a label (production unless
          set) or a fixed version.
        </Typography>
        {executions.error && (
          <Banner severity="error">
            The webhook URLs are unknown: {executions.error}
          </Banner>
        )}
        {triggers.length > 0 ? (
          <Box style={{ overflowX: 'auto' }}>
            <TriggersTable
              triggers={triggers}
              executionsBaseUrl={executions.url}
              canManage={canManage}
              busy={busy}
              onToggle={toggle}
              onEdit={setEditing}
              onRotate={trigger => setConfirming({ action: 'rotate', trigger })}
              onDelete={trigger => setConfirming({ action: 'delete', trigger })}
            />
          </Box>
        ) : (
          <Typography variant="body2" style={{ marginTop: 16 }}>
            No triggers: runs of this workflow start only by hand or from
            another workflow.
          </Typography>
        )}
      </Paper>
      {editing && (
        <TriggerDialog
          trigger={editing === 'new' ? undefined : editing}
          latestVersion={workflow.latestVersion}
          labels={Object.keys(workflow.labels)}
          onClose={() => setEditing(undefined)}
          onSubmit={save}
          describeError={errorMessage}
        />
      )}
      {confirming && (
        <Dialog
          open
          onClose={() => setConfirming(undefined)}
          aria-labelledby="trigger-confirm-title"
        >
          <DialogTitle id="trigger-confirm-title">
            {confirming.action === 'delete'
              ? `Delete ${triggerName(confirming.trigger)}?`
              : `Rotate the secret of ${triggerName(confirming.trigger)}?`}
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              {confirming.action === 'rotate' &&
                'The current secret stops working at once: callers need the new one, which is shown once.'}
              {confirming.action === 'delete' &&
                confirming.trigger.type === 'schedule' &&
                'Its Temporal Schedule is removed; it starts no more runs. Runs it started are kept.'}
              {confirming.action === 'delete' &&
                confirming.trigger.type === 'webhook' &&
                'Calls to its URL are refused from now on. Runs it started are kept.'}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(undefined)}>Cancel</Button>
            <Button color="primary" variant="contained" onClick={confirm}>
              {confirming.action === 'delete' ? 'Delete' : 'Rotate secret'}
            </Button>
          </DialogActions>
        </Dialog>
      )}
      {shownSecret && (
        <SecretDialog
          title={shownSecret.title}
          secret={shownSecret.secret}
          url={
            executions.url
              ? webhookUrl(executions.url, shownSecret.triggerId)
              : undefined
          }
          onClose={() => setShownSecret(undefined)}
        />
      )}
    </Box>
  );
};

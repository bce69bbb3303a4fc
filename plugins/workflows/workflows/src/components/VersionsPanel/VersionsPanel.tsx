import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
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
import GetAppIcon from '@material-ui/icons/GetApp';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { WorkflowDto, WorkflowKey } from '@ai-ops/plugin-workflows-common';
import { errorMessage, workflowsApiRef } from '../../api';
import { downloadText } from '../../lib/download';
import { Banner } from '../Banner';
import { DiffView } from './DiffView';
import { LabelDialog } from './LabelDialog';
import { LabelHistory } from './LabelHistory';
import { PRODUCTION_LABEL, VersionsTable } from './VersionsTable';

const VersionDiff = (props: {
  workflowKey: WorkflowKey;
  from: number;
  to: number;
}) => {
  const api = useApi(workflowsApiRef);
  const { namespace, name } = props.workflowKey;
  const { from, to } = props;
  const diff = useAsync(
    () => api.diff({ namespace, name }, from, to),
    [api, namespace, name, from, to],
  );
  if (diff.loading) return <Progress />;
  if (diff.error) return <ResponseErrorPanel error={diff.error} />;
  return diff.value ? <DiffView diff={diff.value} /> : null;
};

/** Props of {@link VersionsPanel}. */
export interface VersionsPanelProps {
  workflow: WorkflowDto;
  canPromote: boolean;
  canRestore: boolean;
  /** Called with the workflow after a label move or a restore. */
  onChanged(workflow: WorkflowDto): void;
}

/**
 * The versions of a workflow: compare any two, promote one to production
 * or label it, restore an old one as a new version, export any as YAML,
 * and the history of the labels.
 */
export const VersionsPanel = (props: VersionsPanelProps) => {
  const { workflow, canPromote, canRestore, onChanged } = props;
  const api = useApi(workflowsApiRef);
  const key = { namespace: workflow.namespace, name: workflow.name };
  const labelsKey = JSON.stringify(workflow.labels);
  const data = useAsyncRetry(
    async () => {
      const [versions, events] = await Promise.all([
        api.listVersions(key),
        api.labelHistory(key),
      ]);
      return { versions, events };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, workflow.namespace, workflow.name, workflow.latestVersion, labelsKey],
  );

  const [compared, setCompared] = useState<number[]>([]);
  const pair =
    compared.length === 2 ? [...compared].sort((a, b) => a - b) : undefined;
  const toggleCompare = (version: number) =>
    setCompared(current =>
      current.includes(version)
        ? current.filter(v => v !== version)
        : [...current, version].slice(-2),
    );

  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();
  const [labelFor, setLabelFor] = useState<number>();
  const [restoreFor, setRestoreFor] = useState<number>();
  const run = async (
    action: () => Promise<WorkflowDto>,
    done: (updated: WorkflowDto) => string,
  ) => {
    setBusy(true);
    setNotice(undefined);
    try {
      const updated = await action();
      setNotice({ ok: true, text: done(updated) });
      onChanged(updated);
    } catch (e) {
      setNotice({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const exportVersion = async (version?: number) => {
    try {
      const text = await api.exportWorkflow(key, version ? { version } : {});
      const suffix = version ? `-v${version}` : '';
      downloadText(`${workflow.name}${suffix}.yaml`, text, 'application/yaml');
    } catch (e) {
      setNotice({ ok: false, text: errorMessage(e) });
    }
  };

  if (data.loading && !data.value) return <Progress />;
  if (data.error) return <ResponseErrorPanel error={data.error} />;
  const { versions, events } = data.value!;

  return (
    <Box component="section" aria-label="Versions of the workflow">
      {notice && (
        <Banner
          severity={notice.ok ? 'success' : 'error'}
          testId="versions-notice"
        >
          {notice.text}
        </Banner>
      )}
      <Paper variant="outlined" style={{ padding: 16, marginBottom: 16 }}>
        <Box display="flex" justifyContent="space-between" alignItems="center">
          <Typography variant="h6" component="h3">
            {versions.length} {versions.length === 1 ? 'version' : 'versions'}
          </Typography>
          <Button
            variant="outlined"
            startIcon={<GetAppIcon />}
            onClick={() => exportVersion()}
          >
            Export YAML
          </Button>
        </Box>
        <Typography variant="body2" color="textSecondary">
          Tick two versions to compare them.
        </Typography>
        <Box style={{ overflowX: 'auto' }}>
          <VersionsTable
            versions={versions}
            latestVersion={workflow.latestVersion}
            compared={compared}
            onToggleCompare={toggleCompare}
            canPromote={canPromote}
            canRestore={canRestore}
            busy={busy}
            onPromote={version =>
              run(
                () => api.setLabel(key, PRODUCTION_LABEL, version),
                () => `Version ${version} is now in production`,
              )
            }
            onSetLabel={setLabelFor}
            onRemoveLabel={label =>
              run(
                () => api.removeLabel(key, label),
                () => `Removed label ${label}`,
              )
            }
            onRestore={setRestoreFor}
            onExport={exportVersion}
          />
        </Box>
      </Paper>
      {pair && (
        <Paper variant="outlined" style={{ padding: 16, marginBottom: 16 }}>
          <VersionDiff workflowKey={key} from={pair[0]} to={pair[1]} />
        </Paper>
      )}
      <Paper variant="outlined" style={{ padding: 16 }}>
        <LabelHistory events={events} />
      </Paper>
      {labelFor !== undefined && (
        <LabelDialog
          version={labelFor}
          onClose={() => setLabelFor(undefined)}
          onSet={label => {
            const version = labelFor;
            setLabelFor(undefined);
            run(
              () => api.setLabel(key, label, version),
              () => `Label ${label} is on version ${version}`,
            );
          }}
        />
      )}
      {restoreFor !== undefined && (
        <Dialog
          open
          onClose={() => setRestoreFor(undefined)}
          aria-labelledby="restore-dialog-title"
        >
          <DialogTitle id="restore-dialog-title">
            Restore version {restoreFor}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>
              Its document becomes a new version, after it is validated against
              today's registry. Unsaved edits in the editor are replaced.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setRestoreFor(undefined)}>Cancel</Button>
            <Button
              color="primary"
              variant="contained"
              onClick={() => {
                const version = restoreFor;
                setRestoreFor(undefined);
                run(
                  async () => {
                    const result = await api.restoreVersion(key, version);
                    return result.workflow;
                  },
                  updated =>
                    `Restored version ${version} as version ${updated.latestVersion}`,
                );
              }}
            >
              Restore
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
};

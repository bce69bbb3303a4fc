import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Switch from '@material-ui/core/Switch';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CopyTextButton } from '@backstage/core-components';
import type { WorkflowTriggerDto } from '@ai-ops/plugin-workflows-common';
import {
  DEFAULT_TIMEZONE,
  runsOf,
  triggerName,
  webhookUrl,
} from '../../lib/triggers';
import { LastRun, NextRun } from './TriggerActivity';

/** Props of {@link TriggersTable}. */
export interface TriggersTableProps {
  triggers: WorkflowTriggerDto[];
  /** The executions backend's base URL, where webhooks are called. */
  executionsBaseUrl?: string;
  canManage: boolean;
  busy: boolean;
  onToggle(trigger: WorkflowTriggerDto): void;
  onEdit(trigger: WorkflowTriggerDto): void;
  onRotate(trigger: WorkflowTriggerDto): void;
  onDelete(trigger: WorkflowTriggerDto): void;
}

const code = { fontFamily: 'monospace', wordBreak: 'break-all' as const };

const When = (props: {
  trigger: WorkflowTriggerDto;
  executionsBaseUrl?: string;
}) => {
  const { trigger, executionsBaseUrl } = props;
  if (trigger.type === 'schedule') {
    return (
      <>
        <Typography variant="body2" component="code" style={code}>
          {trigger.cron}
        </Typography>
        <Typography variant="caption" display="block" color="textSecondary">
          {trigger.timezone ?? `${DEFAULT_TIMEZONE} (default)`}
        </Typography>
      </>
    );
  }
  if (!executionsBaseUrl) return null;
  const url = webhookUrl(executionsBaseUrl, trigger.id);
  return (
    <Box display="flex" alignItems="center">
      <Typography variant="body2" component="code" style={code}>
        POST {url}
      </Typography>
      <CopyTextButton
        text={url}
        aria-label={`Copy the URL of ${triggerName(trigger)}`}
        tooltipText="URL copied"
      />
    </Box>
  );
};

/**
 * The triggers of a workflow: kind, cron and time zone or webhook URL, when
 * each fires next and the newest run it started (read from the executions
 * API per row; a failed read shows a dash), what each runs with which
 * input, whether it is enabled, and (for those who may manage them) the
 * switch and actions.
 */
export const TriggersTable = (props: TriggersTableProps) => {
  const { triggers, canManage, busy } = props;
  return (
    <Table size="small" aria-label="Triggers">
      <TableHead>
        <TableRow>
          <TableCell>Kind</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Next</TableCell>
          <TableCell>Last run</TableCell>
          <TableCell>Runs</TableCell>
          <TableCell>Input</TableCell>
          <TableCell>Enabled</TableCell>
          <TableCell>Changed</TableCell>
          {canManage && <TableCell align="right">Actions</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {triggers.map(t => {
          const name = triggerName(t);
          return (
            <TableRow key={t.id} data-testid={`trigger-${t.id}`}>
              <TableCell>
                <Chip
                  size="small"
                  label={t.type === 'schedule' ? 'Schedule' : 'Webhook'}
                  color={t.type === 'schedule' ? 'primary' : 'default'}
                />
              </TableCell>
              <TableCell>
                <When trigger={t} executionsBaseUrl={props.executionsBaseUrl} />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <NextRun trigger={t} />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <LastRun trigger={t} />
              </TableCell>
              <TableCell>{runsOf(t)}</TableCell>
              <TableCell>
                {t.input && Object.keys(t.input).length ? (
                  <Typography variant="body2" component="code" style={code}>
                    {JSON.stringify(t.input)}
                  </Typography>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>
                {canManage ? (
                  <Switch
                    checked={t.enabled}
                    disabled={busy}
                    onChange={() => props.onToggle(t)}
                    color="primary"
                    inputProps={{ 'aria-label': `Enable ${name}` }}
                  />
                ) : (
                  <Typography variant="body2">
                    {t.enabled ? 'Enabled' : 'Disabled'}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {new Date(t.updatedAt).toLocaleString()}
                {t.createdBy && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    created by {t.createdBy}
                  </Typography>
                )}
              </TableCell>
              {canManage && (
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => props.onEdit(t)}
                    aria-label={`Edit ${name}`}
                  >
                    Edit
                  </Button>
                  {t.type === 'webhook' && (
                    <Button
                      size="small"
                      disabled={busy}
                      onClick={() => props.onRotate(t)}
                      aria-label={`Rotate the secret of ${name}`}
                    >
                      Rotate secret
                    </Button>
                  )}
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => props.onDelete(t)}
                    aria-label={`Delete ${name}`}
                  >
                    Delete
                  </Button>
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

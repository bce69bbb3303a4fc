import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import {
  STATUS_LABELS,
  type ExecutionStatus,
} from '@ai-ops/plugin-executions-common';
import type { WorkflowTriggerDto } from '@ai-ops/plugin-workflows-common';
import { errorMessage, triggerActivityApiRef } from '../../api';
import { useWorkflowsPaths } from '../../lib/paths';
import { absoluteTime, relativeTime } from '../../lib/time';
import { triggerName } from '../../lib/triggers';

/** Backstage's icon of a run status (hidden from assistive technology). */
const StatusIcon = (props: { status: ExecutionStatus }) => {
  switch (props.status) {
    case 'succeeded':
      return <StatusOK />;
    case 'failed':
      return <StatusError />;
    case 'running':
      return <StatusRunning />;
    case 'paused':
      return <StatusWarning />;
    case 'cancelled':
      return <StatusAborted />;
    default:
      return <StatusPending />;
  }
};

/**
 * The status of a run: the icon, and the word as text (Backstage's status
 * components hide their text from screen readers, which would leave a link
 * to the run without its status).
 */
const RunStatus = (props: { status: ExecutionStatus }) => (
  <Box component="span" display="inline-flex" alignItems="baseline">
    <StatusIcon status={props.status} />
    {STATUS_LABELS[props.status] ?? props.status}
  </Box>
);

/**
 * What a cell shows while its read is loading or after it failed: a dash,
 * with what happened as its title. The rest of the table stays usable.
 */
const Dash = (props: { reason: string }) => (
  <Typography
    variant="body2"
    component="span"
    color="textSecondary"
    title={props.reason}
  >
    –
  </Typography>
);

/** An instant relative to now, with the absolute time as its title. */
const When = (props: { iso: string }) => (
  <time dateTime={props.iso} title={absoluteTime(props.iso)}>
    {relativeTime(props.iso)}
  </time>
);

/**
 * The newest run a trigger started: its status and when it was queued,
 * linked to the run's page in the executions plugin (when the app binds
 * that route), or `Never`.
 */
export const LastRun = (props: { trigger: WorkflowTriggerDto }) => {
  const { trigger } = props;
  const api = useApi(triggerActivityApiRef);
  const paths = useWorkflowsPaths();
  const {
    value: run,
    loading,
    error,
  } = useAsync(() => api.getLastRun(trigger.id), [api, trigger.id]);
  if (loading) return <Dash reason="Reading the last run" />;
  if (error) {
    return (
      <Dash reason={`The last run could not be read: ${errorMessage(error)}`} />
    );
  }
  if (!run) return <Typography variant="body2">Never</Typography>;
  const content = (
    <>
      <RunStatus status={run.status} />{' '}
      <Typography variant="caption" display="block" component="span">
        <When iso={run.queuedAt} />
      </Typography>
    </>
  );
  const href = paths.run(run.id);
  return href ? (
    <Link
      component={RouterLink}
      href={href}
      title={`The last run of ${triggerName(trigger)}`}
    >
      {content}
    </Link>
  ) : (
    <span>{content}</span>
  );
};

/**
 * A schedule not in Temporal yet (the trigger was just saved; the executions
 * plugin creates it within a second or two) is read again this often, at
 * most this many times.
 */
const NOT_SCHEDULED_REREAD_MS = 1_500;
const NOT_SCHEDULED_REREADS = 10;

/** When an enabled schedule trigger fires next, from its Temporal Schedule. */
const ScheduleNext = (props: { trigger: WorkflowTriggerDto }) => {
  const { trigger } = props;
  const api = useApi(triggerActivityApiRef);
  const [rereads, setRereads] = useState(0);
  const {
    value: schedule,
    loading,
    error,
  } = useAsync(
    () => api.getSchedule(trigger.id),
    // An edit (cron, time zone, enabled) changes when it fires.
    [api, trigger.id, trigger.updatedAt, rereads],
  );
  const missing = !loading && !error && !schedule;
  useEffect(() => {
    if (!missing || rereads >= NOT_SCHEDULED_REREADS) return undefined;
    const timer = setTimeout(
      () => setRereads(n => n + 1),
      NOT_SCHEDULED_REREAD_MS,
    );
    return () => clearTimeout(timer);
  }, [missing, rereads]);
  // While it is read again, it still is not scheduled.
  if (loading && rereads === 0) {
    return <Dash reason="Reading the schedule" />;
  }
  if (error) {
    return (
      <Dash reason={`The schedule could not be read: ${errorMessage(error)}`} />
    );
  }
  if (!schedule) {
    return (
      <Typography
        variant="body2"
        title="The executions plugin creates its Temporal Schedule when the trigger is saved, or within 30 seconds when it runs in another backend process"
      >
        Not scheduled yet
      </Typography>
    );
  }
  if (schedule.paused) return <Typography variant="body2">Paused</Typography>;
  const next = schedule.nextFireTimes[0];
  if (!next) {
    return <Typography variant="body2">No upcoming run</Typography>;
  }
  return (
    <Typography variant="body2">
      <When iso={next} />
    </Typography>
  );
};

/**
 * When a trigger starts its next run: the next fire time of a schedule,
 * `Paused` for a disabled or paused one; webhooks start one on each call.
 */
export const NextRun = (props: { trigger: WorkflowTriggerDto }) => {
  const { trigger } = props;
  if (trigger.type !== 'schedule') {
    return (
      <Typography variant="body2" color="textSecondary">
        on each call
      </Typography>
    );
  }
  // A disabled trigger starts nothing, whatever Temporal says yet.
  if (!trigger.enabled) return <Typography variant="body2">Paused</Typography>;
  return <ScheduleNext trigger={trigger} />;
};

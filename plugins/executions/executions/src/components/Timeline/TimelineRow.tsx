import { memo } from 'react';
import Link from '@material-ui/core/Link';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import type { DefinitionStep } from '../../lib/definition';
import {
  formatDuration,
  formatTime,
  formatTokens,
  formatUsd,
} from '../../lib/format';
import { useStepState } from '../../lib/RunStoreContext';
import { StepStatusBadge } from '../RunGraph';

/**
 * One step in the timeline. It reads its own step from the run store and is
 * memoized, so an event of one step re-renders this row only.
 */
export const TimelineRow = memo(
  (props: { step: DefinitionStep; onSelect(stepId: string): void }) => {
    const { step, onSelect } = props;
    const live = useStepState(step.id);
    return (
      <TableRow hover data-testid={`timeline-row-${step.id}`}>
        <TableCell>
          <Link
            component="button"
            variant="body2"
            onClick={() => onSelect(step.id)}
            aria-label={`Open step ${step.id}`}
          >
            {step.name ?? step.id}
          </Link>
        </TableCell>
        <TableCell>
          <StepStatusBadge
            stepId={step.id}
            status={live?.status ?? 'pending'}
          />
        </TableCell>
        <TableCell align="right">{live?.attempt || '—'}</TableCell>
        <TableCell align="right">
          {step.forEach ? live?.iterations ?? 0 : '—'}
        </TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {formatTime(live?.startedAt)}
        </TableCell>
        <TableCell align="right">{formatDuration(live?.latencyMs)}</TableCell>
        <TableCell align="right">
          {live ? formatUsd(live.costUsd) : '—'}
        </TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {live ? formatTokens(live.tokens) : '—'}
        </TableCell>
      </TableRow>
    );
  },
);

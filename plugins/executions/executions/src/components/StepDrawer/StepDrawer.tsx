import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { RouterLink, useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { StepDetailDto } from '@ai-ops/plugin-executions-common';
import { executionsApiRef } from '../../api';
import { formatTokens, formatUsd } from '../../lib/format';
import { useExecutionsPaths } from '../../lib/paths';
import { useStepState } from '../../lib/RunStoreContext';
import { PanelBoundary } from '../PanelBoundary';
import { StatusChip } from '../StatusChip';
import { AttemptView } from './AttemptView';

/** Iterations per page of the drawer. */
const ITERATIONS_PAGE = 20;

/**
 * The detail of a step, fetched again whenever one of its events arrives:
 * its iterations (a page at a time) and every attempt.
 */
function useStepDetail(executionId: string, stepId: string) {
  const api = useApi(executionsApiRef);
  const live = useStepState(stepId);
  const version = `${live?.updatedAt}:${live?.status}:${live?.attempt}`;
  const [detail, setDetail] = useState<StepDetailDto>();
  const [error, setError] = useState<Error>();
  const [more, setMore] = useState<StepDetailDto['iterations']>([]);
  const [cursor, setCursor] = useState<string>();
  useEffect(() => {
    let current = true;
    api
      .getStep(executionId, stepId, { limit: ITERATIONS_PAGE })
      .then(d => {
        if (!current) return;
        setDetail(d);
        setError(undefined);
        setMore([]);
        setCursor(d.nextCursor);
      })
      .catch(e => current && setError(e));
    return () => {
      current = false;
    };
  }, [api, executionId, stepId, version]);
  const loadMore = async () => {
    if (!cursor) return;
    const page = await api.getStep(executionId, stepId, {
      limit: ITERATIONS_PAGE,
      cursor,
    });
    setMore(m => [...m, ...page.iterations]);
    setCursor(page.nextCursor);
  };
  return { detail, error, more, cursor, loadMore };
}

const StepDetailView = (props: { executionId: string; stepId: string }) => {
  const paths = useExecutionsPaths();
  const { detail, error, more, cursor, loadMore } = useStepDetail(
    props.executionId,
    props.stepId,
  );
  if (error) {
    // A step that has not started yet has no record.
    if (ResponseError.is(error) && error.statusCode === 404) {
      return (
        <Typography variant="body2">The step has not started yet.</Typography>
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
  if (!detail) return <Progress />;
  const iterations = [...detail.iterations, ...more];
  const componentPage =
    detail.componentRef && paths.componentPage(detail.componentRef);
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
        <StatusChip status={detail.status} />
        <Typography variant="body2" color="textSecondary">
          {detail.iterationCount > 1
            ? `${detail.iterationCount} iterations · `
            : ''}
          {formatTokens(detail.tokens)} · {formatUsd(detail.costUsd)}
        </Typography>
      </Box>
      {detail.componentRef && (
        <Typography variant="body2" paragraph>
          Component{' '}
          {componentPage ? (
            <Link component={RouterLink} href={componentPage}>
              {detail.componentRef}
            </Link>
          ) : (
            detail.componentRef
          )}{' '}
          (
          <Link
            component={RouterLink}
            href={paths.componentMetrics(detail.componentRef)}
            aria-label={`Metrics of ${detail.componentRef}`}
          >
            metrics
          </Link>
          )
        </Typography>
      )}
      {iterations.map(iteration => (
        <Box key={iteration.iteration} mb={2}>
          {detail.iterationCount > 1 && (
            <Typography variant="subtitle1">
              Iteration {iteration.iteration}
            </Typography>
          )}
          {iteration.attempts.map(attempt => (
            <AttemptView
              key={`${attempt.iteration}:${attempt.attempt}`}
              attempt={attempt}
            />
          ))}
        </Box>
      ))}
      {cursor && (
        <Button size="small" variant="outlined" onClick={loadMore}>
          More iterations
        </Button>
      )}
    </>
  );
};

/**
 * The selected step of a run in a side drawer: inputs and outputs (secrets
 * masked by the API), logs, attempts, latency, tokens, cost and scores.
 */
export const StepDrawer = (props: {
  executionId: string;
  stepId?: string;
  onClose(): void;
}) => (
  <Drawer anchor="right" open={!!props.stepId} onClose={props.onClose}>
    <Box
      width={560}
      maxWidth="100vw"
      p={2}
      role="region"
      aria-label={props.stepId ? `Step ${props.stepId}` : undefined}
    >
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h5">{props.stepId}</Typography>
        <IconButton aria-label="Close step" onClick={props.onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      {props.stepId && (
        <PanelBoundary title="The step detail">
          <StepDetailView
            key={props.stepId}
            executionId={props.executionId}
            stepId={props.stepId}
          />
        </PanelBoundary>
      )}
    </Box>
  </Drawer>
);

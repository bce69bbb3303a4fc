import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { RouterLink, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { executionRunPermission } from '@ai-ops/plugin-executions-common';
import { useExecutionsPaths } from '../../lib/paths';
import { PanelBoundary } from '../PanelBoundary';
import { RunFiltersBar } from './RunFiltersBar';
import {
  hasFilters,
  readFilters,
  RunFilters,
  toQuery,
  writeFilters,
} from './runFilters';
import { RunTable } from './RunTable';
import { StartRunDialog } from './StartRunDialog';
import { useLiveRunList } from './useLiveRunList';

/**
 * The runs the user may read, newest first: filters applied on the server
 * and kept in the URL, pages by cursor, statuses updated live.
 */
export const RunListPage = () => {
  const paths = useExecutionsPaths();
  const [params, setParams] = useAppSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const cursor = params.get('cursor') ?? undefined;
  // Cursors of the pages before this one, to go back.
  const [previous, setPrevious] = useState<string[]>([]);
  const [starting, setStarting] = useState(false);
  const { allowed: canRun } = usePermission({
    permission: executionRunPermission,
  });
  const query = useMemo(() => toQuery(filters, cursor), [filters, cursor]);
  const { page, loading, error, live } = useLiveRunList(query);

  const applyFilters = (next: RunFilters) => {
    setPrevious([]);
    setParams(writeFilters(next));
  };
  const nextPage = () => {
    if (!page?.nextCursor) return;
    setPrevious(p => [...p, cursor ?? '']);
    setParams(writeFilters(filters, page.nextCursor));
  };
  const previousPage = () => {
    const back = previous[previous.length - 1];
    setPrevious(p => p.slice(0, -1));
    setParams(writeFilters(filters, back || undefined));
  };

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (page && page.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title={
          hasFilters(filters) ? 'No runs match these filters' : 'No runs yet'
        }
        description="Runs appear here as soon as they are queued."
      />
    );
  } else if (page) {
    body = (
      <>
        <RunTable items={page.items} />
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          mt={1}
          style={{ gap: 8 }}
        >
          <Typography variant="body2" color="textSecondary">
            {page.totalItems} {page.totalItems === 1 ? 'run' : 'runs'}
          </Typography>
          <Button size="small" disabled={!cursor} onClick={previousPage}>
            Previous page
          </Button>
          <Button size="small" disabled={!page.nextCursor} onClick={nextPage}>
            Next page
          </Button>
        </Box>
      </>
    );
  }

  return (
    <Content>
      <ContentHeader title="Runs">
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            component={RouterLink}
            href={paths.approvals()}
            variant="outlined"
          >
            My approvals
          </Button>
          {canRun && (
            <Button
              variant="contained"
              color="primary"
              startIcon={<PlayArrowIcon />}
              onClick={() => setStarting(true)}
            >
              Start run
            </Button>
          )}
        </Box>
      </ContentHeader>
      {!live && (
        <Typography variant="caption" color="textSecondary" paragraph>
          Live updates are off (no signals in this app): reload to see changes.
        </Typography>
      )}
      <RunFiltersBar filters={filters} onChange={applyFilters} />
      <PanelBoundary title="The run list">{body}</PanelBoundary>
      {canRun && starting && (
        <StartRunDialog open onClose={() => setStarting(false)} />
      )}
    </Content>
  );
};

import { useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import PublishIcon from '@material-ui/icons/Publish';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  workflowCreatePermission,
  type ListWorkflowsQuery,
} from '@ai-ops/plugin-workflows-common';
import { useWorkflowsPaths } from '../../lib/paths';
import { useFieldId } from '../fields/useFieldId';
import { ImportDialog } from './ImportDialog';
import { ListFilters, ListFilterValues, NO_FILTERS } from './ListFilters';
import { useWorkflowSearch } from './useWorkflowSearch';
import { WorkflowTable } from './WorkflowTable';

/** Workflows per page of results. */
export const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 300;

const list = (text: string) =>
  text
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

/** The API query of the search text and filters. */
export function toQuery(
  q: string,
  filters: ListFilterValues,
): ListWorkflowsQuery {
  const query: ListWorkflowsQuery = {
    sort: 'name',
    order: 'asc',
    limit: PAGE_SIZE,
  };
  if (q) query.q = q;
  if (list(filters.owner).length) query.owner = list(filters.owner);
  if (filters.lifecycle) query.lifecycle = [filters.lifecycle];
  if (list(filters.tag).length) query.tag = list(filters.tag);
  if (filters.label.trim()) query.label = filters.label.trim();
  if (filters.source) {
    query.source = [filters.source as 'console' | 'catalog'];
  }
  return query;
}

/**
 * The workflows the user may read: search, filters, pages loaded by cursor,
 * and the ways to add one (a new workflow, or YAML to import).
 */
export const WorkflowListPage = () => {
  const paths = useWorkflowsPaths();
  const searchId = useFieldId('workflow-search');
  const { allowed: canCreate } = usePermission({
    permission: workflowCreatePermission,
  });
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<ListFilterValues>(NO_FILTERS);
  const [query, setQuery] = useState(() => toQuery('', NO_FILTERS));
  useDebounce(
    () => setQuery(toQuery(text.trim(), filters)),
    SEARCH_DEBOUNCE_MS,
    [text, filters],
  );
  const filtered = useMemo(
    () => !!text.trim() || Object.values(filters).some(v => v !== ''),
    [text, filters],
  );
  const search = useWorkflowSearch(query);
  const [importing, setImporting] = useState(false);

  let results;
  if (search.loading) {
    results = <Progress />;
  } else if (search.error && search.items.length === 0) {
    results = <ResponseErrorPanel error={search.error} />;
  } else if (search.items.length === 0) {
    results = (
      <EmptyState
        missing="data"
        title={filtered ? 'No workflows match' : 'No workflows yet'}
        description={
          filtered
            ? 'Try other words or fewer filters.'
            : 'Create one here, import YAML, or add an AIWorkflow to a catalog-info.yaml file.'
        }
      />
    );
  } else {
    results = (
      <>
        <WorkflowTable items={search.items} />
        {search.error && <ResponseErrorPanel error={search.error} />}
        {search.nextCursor && (
          <Box textAlign="center" mt={2}>
            <Button
              variant="outlined"
              onClick={search.loadMore}
              disabled={search.loadingMore}
            >
              {search.loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          </Box>
        )}
      </>
    );
  }

  return (
    <Content>
      <ContentHeader
        title="All workflows"
        description="Versioned graphs of AI components, built visually or in YAML."
      >
        {canCreate && (
          <Box display="flex" style={{ gap: 8 }}>
            <Button
              variant="outlined"
              startIcon={<PublishIcon />}
              onClick={() => setImporting(true)}
            >
              Import YAML
            </Button>
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              component={RouterLink}
              href={paths.create()}
              role="link"
            >
              New workflow
            </Button>
          </Box>
        )}
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12} md={3} lg={2}>
          <ListFilters value={filters} onChange={setFilters} />
        </Grid>
        <Grid item xs={12} md={9} lg={10}>
          <TextField
            id={searchId}
            label="Search"
            type="search"
            size="small"
            variant="outlined"
            fullWidth
            value={text}
            onChange={e => setText(e.target.value)}
            inputProps={{ maxLength: 200 }}
            helperText="Name, title, description and tags"
          />
          {search.totalItems !== undefined && !search.loading && (
            <Typography variant="subtitle1" component="p" role="status">
              {search.totalItems}{' '}
              {search.totalItems === 1 ? 'workflow' : 'workflows'}
              {filtered ? ' match' : ''}
            </Typography>
          )}
          {results}
        </Grid>
      </Grid>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </Content>
  );
};

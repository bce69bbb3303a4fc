import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import KeyIcon from '@mui/icons-material/Key';
import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { SemanticSearchResults } from '@ai-ops/plugin-recommendations-react';
import {
  aiComponentCreatePermission,
  aiComponentSecretManagePermission,
  type ListAiComponentsQuery,
} from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef } from '../../api';
import { useAiComponentsPaths } from '../../lib/paths';
import { ComponentTable } from '../ComponentTable';
import { FACET_NAMES, FacetFilters, FacetSelection } from '../FacetFilters';
import { useComponentSearch } from './useComponentSearch';

/** Components per page of results. */
export const PAGE_SIZE = 20;

const SEARCH_DEBOUNCE_MS = 300;

const SORTS = {
  'name-asc': { label: 'Name (A–Z)', sort: 'name', order: 'asc' },
  'name-desc': { label: 'Name (Z–A)', sort: 'name', order: 'desc' },
  'updatedAt-desc': {
    label: 'Recently updated',
    sort: 'updatedAt',
    order: 'desc',
  },
  'createdAt-desc': {
    label: 'Recently registered',
    sort: 'createdAt',
    order: 'desc',
  },
} as const;

type SortKey = keyof typeof SORTS;

/** Keyword: the registry's own filtered list. Semantic: the recommendations search. */
type SearchMode = 'keyword' | 'semantic';

const SEARCH_HELP: Record<SearchMode, string> = {
  keyword: 'Name, title, description and tags',
  semantic: 'By meaning, across components and workflows',
};

/** The page of a workflow (a search result) in the workflows plugin. */
const workflowPath = (key: { namespace: string; name: string }) =>
  `/workflows/${encodeURIComponent(key.namespace)}/${encodeURIComponent(
    key.name,
  )}`;

const noFilters: FacetSelection = {
  type: [],
  owner: [],
  tag: [],
  lifecycle: [],
};

const countText = (total: number, filtered: boolean) =>
  `${total} AI ${total === 1 ? 'component' : 'components'} ${
    filtered ? 'match' : 'in the catalog'
  }`;

/**
 * The marketplace of AI components: free-text search, filters by type,
 * owner, tag and lifecycle, sorting, and results loaded a page at a time;
 * or semantic search across components and workflows, each result with why
 * it matched.
 *
 * @public
 */
export const MarketplacePage = () => {
  const api = useApi(aiComponentsApiRef);
  const paths = useAiComponentsPaths();
  const { allowed: canCreate } = usePermission({
    permission: aiComponentCreatePermission,
  });
  const { allowed: canManageSecrets } = usePermission({
    permission: aiComponentSecretManagePermission,
  });

  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(text.trim()), SEARCH_DEBOUNCE_MS, [text]);
  const [selected, setSelected] = useState<FacetSelection>(noFilters);
  const [sortKey, setSortKey] = useState<SortKey>('name-asc');
  const [mode, setMode] = useState<SearchMode>('keyword');
  const semantic = mode === 'semantic';

  const query = useMemo<ListAiComponentsQuery>(() => {
    const { sort, order } = SORTS[sortKey];
    const result: ListAiComponentsQuery = { sort, order, limit: PAGE_SIZE };
    if (q) result.q = q;
    if (selected.type.length) {
      result.type = selected.type as ListAiComponentsQuery['type'];
    }
    if (selected.owner.length) result.owner = selected.owner;
    if (selected.tag.length) result.tag = selected.tag;
    if (selected.lifecycle.length) result.lifecycle = selected.lifecycle;
    return result;
  }, [q, selected, sortKey]);
  const filtered = !!q || FACET_NAMES.some(name => selected[name].length > 0);

  const facets = useAsync(() => api.getFacets(), [api]);
  const search = useComponentSearch(query);

  const clearAll = () => {
    setText('');
    setQ('');
    setSelected(noFilters);
  };

  let results;
  if (semantic) {
    results = (
      <>
        {selected.lifecycle.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            The lifecycle filter does not apply to semantic search.
          </Typography>
        )}
        <SemanticSearchResults
          query={q}
          types={selected.type}
          owners={selected.owner}
          tags={selected.tag}
          componentLink={paths.component}
          workflowLink={workflowPath}
        />
      </>
    );
  } else if (search.loading) {
    results = <Progress />;
  } else if (search.error && search.items.length === 0) {
    results = <ResponseErrorPanel error={search.error} />;
  } else if (search.items.length === 0) {
    results = filtered ? (
      <EmptyState
        missing="data"
        title="No AI components match"
        description="Try other words or fewer filters."
        action={
          <Button variant="outlined" onClick={clearAll}>
            Clear search and filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        missing="data"
        title="No AI components yet"
        description="Register one here, or add an AIComponent to a catalog-info.yaml file."
      />
    );
  } else {
    results = (
      <>
        <ComponentTable items={search.items} label="AI components" />
        {search.error && <ResponseErrorPanel error={search.error} />}
        {search.nextCursor && (
          <Box sx={{ textAlign: 'center', mt: 2 }}>
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
        title="Marketplace"
        description="Models, prompts, tools, agents, datasets and evaluators your teams run."
      >
        <Stack direction="row" spacing={1}>
          {canManageSecrets && (
            <Button
              variant="outlined"
              startIcon={<KeyIcon />}
              component={RouterLink}
              href={paths.secrets()}
            >
              Secrets
            </Button>
          )}
          {canCreate && (
            <Button
              variant="contained"
              startIcon={<AddIcon />}
              component={RouterLink}
              href={paths.create()}
            >
              Register component
            </Button>
          )}
        </Stack>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12} md={3} lg={2}>
          {facets.loading && <Progress />}
          {facets.error && <ResponseErrorPanel error={facets.error} />}
          {facets.value && (
            <FacetFilters
              facets={facets.value}
              selected={selected}
              onChange={setSelected}
            />
          )}
        </Grid>
        <Grid item xs={12} md={9} lg={10}>
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            spacing={2}
            sx={{ mb: 2 }}
          >
            <TextField
              label="Search"
              type="search"
              size="small"
              fullWidth
              value={text}
              onChange={e => setText(e.target.value)}
              inputProps={{ maxLength: 200 }}
              helperText={SEARCH_HELP[mode]}
            />
            <ToggleButtonGroup
              exclusive
              size="small"
              value={mode}
              onChange={(_event, next: SearchMode | null) =>
                next && setMode(next)
              }
              aria-label="Search mode"
              sx={{ alignSelf: 'flex-start', height: 40 }}
            >
              <ToggleButton value="keyword">Keyword</ToggleButton>
              <ToggleButton value="semantic">Semantic</ToggleButton>
            </ToggleButtonGroup>
            <TextField
              select
              label="Sort by"
              size="small"
              disabled={semantic}
              value={sortKey}
              onChange={e => setSortKey(e.target.value as SortKey)}
              SelectProps={{ native: true }}
              sx={{ minWidth: 200 }}
            >
              {Object.entries(SORTS).map(([key, { label }]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </TextField>
          </Stack>
          {!semantic && search.totalItems !== undefined && !search.loading && (
            <Typography
              variant="subtitle1"
              component="p"
              role="status"
              sx={{ mb: 1 }}
            >
              {countText(search.totalItems, filtered)}
            </Typography>
          )}
          {results}
        </Grid>
      </Grid>
    </Content>
  );
};

import useAsync from 'react-use/esm/useAsync';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Progress } from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type {
  RecommendationSearchQuery,
  RecommendationSearchResult,
} from '@ai-ops/plugin-recommendations-common';
import { useRecommendationsApi } from '../../api';
import { ReasonList } from '../ReasonList';
import { RecommendationError } from '../RecommendationError';

/** A component type, as the search API names them. */
type ComponentType = NonNullable<RecommendationSearchQuery['type']>[number];

/**
 * Props of {@link SemanticSearchResults}.
 *
 * @public
 */
export interface SemanticSearchResultsProps {
  /** What the user typed; nothing is searched while it is empty. */
  query: string;
  /** Only components of these types (the search then leaves out workflows). */
  types?: string[];
  /** Only results owned by one of these (entity refs). */
  owners?: string[];
  /** Only results with at least one of these tags. */
  tags?: string[];
  /** The app path of a component result's page. */
  componentLink(result: RecommendationSearchResult): string;
  /** The app path of a workflow result's page. */
  workflowLink(result: RecommendationSearchResult): string;
  /** How many results to ask for; the API's maximum (50) when absent. */
  limit?: number;
}

const MAX_RESULTS = 50;

const kindLabel = (result: RecommendationSearchResult) =>
  result.kind === 'workflow' ? 'workflow' : result.type ?? 'component';

const Results = (props: SemanticSearchResultsProps & { q: string }) => {
  const { q, componentLink, workflowLink } = props;
  const api = useRecommendationsApi();
  const types = (props.types ?? []).slice().sort().join(',');
  const limit = props.limit ?? MAX_RESULTS;

  const { value, loading, error } = useAsync(async () => {
    const request: RecommendationSearchQuery = { q, limit };
    if (types) request.type = types.split(',') as ComponentType[];
    return api.search(request);
  }, [api, q, types, limit]);

  if (loading) return <Progress />;
  if (error) return <RecommendationError error={error} />;

  const owners = props.owners ?? [];
  const tags = props.tags ?? [];
  const items = (value?.items ?? []).filter(
    r =>
      (owners.length === 0 || (r.owner && owners.includes(r.owner))) &&
      (tags.length === 0 || r.tags.some(t => tags.includes(t))),
  );

  return (
    <>
      <Typography
        variant="subtitle1"
        component="p"
        role="status"
        sx={{ mb: 1 }}
      >
        {items.length} {items.length === 1 ? 'result' : 'results'} by meaning
      </Typography>
      {items.length === 0 && (
        <Typography color="text.secondary">
          Nothing close enough. Try other words or fewer filters.
        </Typography>
      )}
      {items.length > 0 && (
        <List aria-label="Semantic search results">
          {items.map(result => {
            const label = result.title ?? result.name;
            const href =
              result.kind === 'workflow'
                ? workflowLink(result)
                : componentLink(result);
            return (
              <ListItem
                key={result.ref}
                divider
                sx={{ flexDirection: 'column', alignItems: 'flex-start' }}
              >
                <Stack direction="row" spacing={1} alignItems="center">
                  <Chip size="small" label={kindLabel(result)} />
                  <Link component={RouterLink} href={href} underline="hover">
                    {label}
                  </Link>
                </Stack>
                <ListItemText
                  sx={{ my: 0.5 }}
                  primary={result.description}
                  secondary={[
                    `${result.namespace}/${result.name}`,
                    result.owner,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
                <ReasonList reasons={result.reasons} label={`Why ${label}`} />
              </ListItem>
            );
          })}
        </List>
      )}
    </>
  );
};

/**
 * Results of a hybrid (keyword and meaning) search across AI components and
 * workflows, best first, each with why it matched. Owner and tag filters
 * apply to the results the search returned. Errors show here only.
 *
 * @public
 */
export const SemanticSearchResults = (props: SemanticSearchResultsProps) => {
  const q = props.query.trim();
  if (!q) {
    return (
      <Typography color="text.secondary">
        Describe what you need, e.g. “summarise support tickets cheaply”.
      </Typography>
    );
  }
  return <Results {...props} q={q} />;
};

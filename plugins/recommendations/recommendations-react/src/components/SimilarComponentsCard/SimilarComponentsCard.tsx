import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import type {
  ComponentRecommendation,
  RecommendedComponentKey,
  SimilarComponentsQuery,
} from '@ai-ops/plugin-recommendations-common';
import { useRecommendationsApi } from '../../api';
import { ReasonList } from '../ReasonList';
import { RecommendationError } from '../RecommendationError';
import { formatMetrics } from './formatMetrics';

/** The filters of the card, as the API names them. */
type Filter = 'sameType' | 'cheaper' | 'faster';

const FILTERS: Array<{ value: Filter; label: string; title: string }> = [
  {
    value: 'sameType',
    label: 'Same type',
    title: 'Only components of the same type',
  },
  {
    value: 'cheaper',
    label: 'Cheaper',
    title: 'Only components with a lower measured cost per call',
  },
  {
    value: 'faster',
    label: 'Faster',
    title: 'Only components with a lower measured median latency',
  },
];

/**
 * Props of {@link SimilarComponentsCard}.
 *
 * @public
 */
export interface SimilarComponentsCardProps {
  /** The component whose similar components to show. */
  componentKey: RecommendedComponentKey;
  /** The app path of a recommended component's page. */
  componentLink(item: ComponentRecommendation): string;
  /** How many to show; the API's default (10) when absent. */
  limit?: number;
}

/**
 * "Similar components": components like this one, best first, each with why
 * it was recommended (text similarity, shared usage, measured quality, cost
 * and latency), filtered to the same type, cheaper or faster ones on demand.
 * A failing or refusing recommendations API shows in the card only.
 *
 * @public
 */
export const SimilarComponentsCard = (props: SimilarComponentsCardProps) => {
  const { componentKey, componentLink, limit } = props;
  const { namespace, name } = componentKey;
  const api = useRecommendationsApi();
  const [filters, setFilters] = useState<Filter[]>([]);
  const key = filters.slice().sort().join(',');

  const { value, loading, error } = useAsync(() => {
    const query: SimilarComponentsQuery = {};
    for (const filter of key ? key.split(',') : []) {
      query[filter as Filter] = true;
    }
    if (limit) query.limit = limit;
    return api.similarComponents({ namespace, name }, query);
  }, [api, namespace, name, key, limit]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <RecommendationError error={error} />;
  } else if (!value || value.items.length === 0) {
    body = (
      <Typography color="text.secondary">
        {filters.length
          ? 'No similar components match these filters.'
          : 'No similar components yet.'}
      </Typography>
    );
  } else {
    body = (
      <List dense aria-label="Similar components">
        {value.items.map(item => {
          const label = item.title ?? item.name;
          const metrics = formatMetrics(item.metrics);
          return (
            <ListItem
              key={item.ref}
              disableGutters
              sx={{ flexDirection: 'column', alignItems: 'flex-start' }}
            >
              <ListItemText
                sx={{ my: 0 }}
                primary={
                  <Link
                    component={RouterLink}
                    href={componentLink(item)}
                    underline="hover"
                  >
                    {label}
                  </Link>
                }
                secondary={
                  <>
                    {`${item.type} · ${item.namespace}/${item.name}`}
                    {metrics && ` · ${metrics}`}
                  </>
                }
              />
              <ReasonList reasons={item.reasons} label={`Why ${label}`} />
            </ListItem>
          );
        })}
      </List>
    );
  }

  return (
    <InfoCard title="Similar components">
      <ToggleButtonGroup
        size="small"
        value={filters}
        onChange={(_event, next: Filter[]) => setFilters(next)}
        aria-label="Filter similar components"
        sx={{ mb: 1 }}
      >
        {FILTERS.map(f => (
          <ToggleButton key={f.value} value={f.value} title={f.title}>
            {f.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {body}
    </InfoCard>
  );
};

import useAsync from 'react-use/esm/useAsync';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { WorkflowsClient } from '@ai-ops/plugin-workflows-common';

/**
 * The workflows (that the user may read) whose newest version uses a
 * component: what a change to the component would affect.
 *
 * @public
 */
export const UsedByCard = (props: { componentRef: string }) => {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { value, loading, error } = useAsync(
    () =>
      new WorkflowsClient({
        getBaseUrl: () => discoveryApi.getBaseUrl('workflows'),
        fetch: (url, init) => fetchApi.fetch(url, init),
      }).usage(props.componentRef),
    [discoveryApi, fetchApi, props.componentRef],
  );
  return (
    <InfoCard title="Used by workflows">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography color="text.secondary">
          No workflow uses this component.
        </Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label="Workflows using this component">
          {value.map(item => {
            const { namespace, name } = parseEntityRef(item.ref);
            return (
              <ListItem key={item.ref} disableGutters>
                <ListItemText
                  primary={
                    <Link
                      href={`/workflows/${namespace}/${name}`}
                      underline="hover"
                    >
                      {item.title ?? name}
                    </Link>
                  }
                  secondary={`${item.ref} · version ${item.latestVersion}`}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </InfoCard>
  );
};

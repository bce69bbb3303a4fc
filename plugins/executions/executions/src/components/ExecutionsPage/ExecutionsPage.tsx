import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusOK,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';

function useBackendHealth() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useAsync(async () => {
    const baseUrl = await discoveryApi.getBaseUrl('executions');
    const response = await fetchApi.fetch(`${baseUrl}/health`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as { status: string };
  }, [discoveryApi, fetchApi]);
}

/**
 * The landing page of the executions capability.
 *
 * @public
 */
export const ExecutionsPage = () => {
  const { value, loading, error } = useBackendHealth();

  let status;
  if (loading) {
    status = <Progress />;
  } else if (error) {
    status = <ResponseErrorPanel error={error} />;
  } else {
    status = <StatusOK>Executions backend: {value?.status}</StatusOK>;
  }

  return (
    <Content>
      <InfoCard title="Service">
        <Typography variant="body2" paragraph>
          Durable runs of workflows on Temporal: status, steps, cost and
          approvals.
        </Typography>
        {status}
      </InfoCard>
    </Content>
  );
};

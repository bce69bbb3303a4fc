import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import HistoryIcon from '@material-ui/icons/History';
import ShowChartIcon from '@material-ui/icons/ShowChart';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink, useAppLocation } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  workflowPromotePermission,
  workflowUpdatePermission,
  type WorkflowDto,
  type WorkflowKey,
} from '@ai-ops/plugin-workflows-common';
import { workflowsApiRef } from '../../api';
import { useWorkflowsPaths } from '../../lib/paths';
import { Banner } from '../Banner';
import { TriggersPanel } from '../TriggersPanel';
import { VersionsPanel } from '../VersionsPanel';
import { WorkflowEditor } from '../WorkflowEditor';

/** Props of {@link WorkflowPage}. */
export interface WorkflowPageProps {
  workflowKey: WorkflowKey;
}

const statusOf = (state: unknown): string | undefined =>
  state &&
  typeof state === 'object' &&
  typeof (state as any).status === 'string'
    ? (state as any).status
    : undefined;

const WorkflowDetails = (props: { initial: WorkflowDto }) => {
  const [workflow, setWorkflow] = useState(props.initial);
  const paths = useWorkflowsPaths();
  const location = useAppLocation();
  const canUpdate = usePermission({
    permission: workflowUpdatePermission,
    resourceRef: workflow.ref,
  });
  const canPromote = usePermission({
    permission: workflowPromotePermission,
    resourceRef: workflow.ref,
  });
  const fromCatalog = workflow.source === 'catalog';
  const readOnly = fromCatalog || !canUpdate.allowed;
  const labels = Object.entries(workflow.labels);
  const key = { namespace: workflow.namespace, name: workflow.name };
  const runsPath = paths.runs(key);
  const metricsPath = paths.workflowMetrics(key);

  return (
    <Content>
      <Link component={RouterLink} href={paths.list()}>
        ← Workflows
      </Link>
      <ContentHeader
        title={workflow.title ?? workflow.name}
        description={`${workflow.namespace}/${workflow.name} · version ${workflow.latestVersion} · ${workflow.owner}`}
      >
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ gap: 8 }}
        >
          <Box display="flex" style={{ gap: 4 }} aria-label="Labels">
            {labels.map(([label, version]) => (
              <Chip
                key={label}
                size="small"
                color={label === 'production' ? 'primary' : 'default'}
                label={`${label}: v${version}`}
              />
            ))}
          </Box>
          {runsPath && (
            <Button
              variant="outlined"
              size="small"
              startIcon={<HistoryIcon />}
              component={RouterLink}
              href={runsPath}
              role="link"
            >
              Runs
            </Button>
          )}
          {metricsPath && (
            <Button
              variant="outlined"
              size="small"
              startIcon={<ShowChartIcon />}
              component={RouterLink}
              href={metricsPath}
              role="link"
            >
              Metrics
            </Button>
          )}
        </Box>
      </ContentHeader>
      {fromCatalog && (
        <Banner severity="info" testId="read-only-banner">
          Defined in Git
          {workflow.sourceLocation ? ` at ${workflow.sourceLocation}` : ''}:
          change it in its catalog-info.yaml. This view is read-only.
        </Banner>
      )}
      {!fromCatalog && !canUpdate.loading && !canUpdate.allowed && (
        <Banner severity="info" testId="read-only-banner">
          You may view this workflow but not change it.
        </Banner>
      )}
      {canUpdate.loading ? (
        <Progress />
      ) : (
        <WorkflowEditor
          workflow={workflow}
          readOnly={readOnly}
          initialStatus={statusOf(location.state)}
          onSaved={setWorkflow}
          versions={
            <VersionsPanel
              workflow={workflow}
              canPromote={!canPromote.loading && canPromote.allowed}
              canRestore={!readOnly}
              onChanged={setWorkflow}
            />
          }
          triggers={
            <TriggersPanel workflow={workflow} canManage={canUpdate.allowed} />
          }
        />
      )}
    </Content>
  );
};

/**
 * The page of one workflow: its editor (graph and YAML), its versions and
 * its triggers, with links to its runs and metrics in the executions plugin
 * when the app binds those routes. Workflows defined in Git, and those the
 * user may not update, are shown read-only; the triggers of Git workflows
 * may still be managed by those who may update them.
 */
export const WorkflowPage = (props: WorkflowPageProps) => {
  const { namespace, name } = props.workflowKey;
  const api = useApi(workflowsApiRef);
  const { value, loading, error } = useAsync(
    () => api.getWorkflow({ namespace, name }),
    [api, namespace, name],
  );
  if (loading) return <Progress />;
  if (error || !value) {
    return (
      <Content>
        <ResponseErrorPanel error={error ?? new Error('No workflow')} />
      </Content>
    );
  }
  return <WorkflowDetails key={`${namespace}/${name}`} initial={value} />;
};

import useAsync from 'react-use/esm/useAsync';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import EditIcon from '@mui/icons-material/Edit';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink, useAppNavigate } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { SimilarComponentsCard } from '@ai-ops/plugin-recommendations-react';
import {
  aiComponentDeletePermission,
  aiComponentInvokePermission,
  aiComponentUpdatePermission,
  type AiComponent,
  type AiComponentKey,
  type AiComponentRuntimeType,
  type AiComponentVersion,
} from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef } from '../../api';
import { useAiComponentsPaths } from '../../lib/paths';
import { ComponentOverview } from '../ComponentOverview';
import { DeleteComponentButton } from '../DeleteComponentButton';
import { RuntimeConfigView } from '../RuntimeConfigView';
import { SchemaView } from '../SchemaView';
import { SourceBadge } from '../SourceBadge';
import { TryItPanel } from '../TryItPanel';
import { UsageCard } from '../UsageCard';
import { UsedByCard } from '../UsedByCard';
import { VersionsPanel } from '../VersionsPanel';

/**
 * Props of {@link ComponentPage}.
 *
 * @public
 */
export interface ComponentPageProps {
  componentKey: AiComponentKey;
}

interface Loaded {
  component: AiComponent;
  versions: AiComponentVersion[];
  runtimes: AiComponentRuntimeType[];
}

const ComponentDetails = (props: Loaded) => {
  const { component, versions, runtimes } = props;
  const paths = useAiComponentsPaths();
  const navigate = useAppNavigate();
  const resourceRef = component.ref;
  const canUpdate = usePermission({
    permission: aiComponentUpdatePermission,
    resourceRef,
  });
  const canDelete = usePermission({
    permission: aiComponentDeletePermission,
    resourceRef,
  });
  const canInvoke = usePermission({
    permission: aiComponentInvokePermission,
    resourceRef,
  });
  const runtimeInfo = runtimes.find(
    r => r.type === component.spec.runtime.type,
  );

  return (
    <Content>
      <Link component={RouterLink} href={paths.marketplace()} underline="hover">
        ← Marketplace
      </Link>
      <ContentHeader
        title={component.title ?? component.name}
        description={`${component.type} · ${component.namespace}/${component.name}`}
      >
        <Stack direction="row" spacing={1} alignItems="center">
          {component.readOnly && <SourceBadge component={component} />}
          {!component.readOnly && canUpdate.allowed && (
            <Button
              variant="outlined"
              startIcon={<EditIcon />}
              component={RouterLink}
              href={paths.edit(component)}
            >
              Edit
            </Button>
          )}
          {!component.readOnly && canDelete.allowed && (
            <DeleteComponentButton
              component={component}
              onDeleted={() => navigate(paths.marketplace())}
            />
          )}
        </Stack>
      </ContentHeader>
      {component.readOnly && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Managed in Git: change it in its catalog-info.yaml file
          {component.sourceLocation ? ` (${component.sourceLocation})` : ''}.
        </Alert>
      )}
      {component.secretProblems && component.secretProblems.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="secret-problems">
          Runs of this component fail until these secrets are fixed (on the
          Secrets page, or by naming another secret):
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {component.secretProblems.map(problem => (
              <li key={`${problem.path} ${problem.secret}`}>
                {problem.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <ComponentOverview component={component} />
        </Grid>
        <Grid item xs={12} lg={6}>
          {canInvoke.loading && <Progress />}
          {canInvoke.allowed && (
            <TryItPanel component={component} versions={versions} />
          )}
          {!canInvoke.loading && !canInvoke.allowed && (
            <Alert severity="info">You may not run this component.</Alert>
          )}
        </Grid>
        <Grid item xs={12}>
          <UsageCard componentKey={component} />
        </Grid>
        <Grid item xs={12} md={6}>
          <SchemaView
            title="Input schema"
            schema={component.spec.inputSchema}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <SchemaView
            title="Output schema"
            schema={component.spec.outputSchema}
          />
        </Grid>
        <Grid item xs={12} lg={5}>
          <RuntimeConfigView
            runtime={component.spec.runtime}
            runtimeInfo={runtimeInfo}
          />
        </Grid>
        <Grid item xs={12} lg={7}>
          <VersionsPanel versions={versions} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <UsedByCard componentRef={component.ref} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <SimilarComponentsCard
            componentKey={component}
            componentLink={paths.component}
          />
        </Grid>
      </Grid>
    </Content>
  );
};

/**
 * The page of one component: overview, a "Try it" panel, its usage by
 * workflow runs over the last 7 days, input and output schemas, runtime
 * config (secrets masked), versions with a diff, and Edit and Delete for
 * those allowed, unless it is managed in Git.
 *
 * @public
 */
export const ComponentPage = (props: ComponentPageProps) => {
  const { namespace, name } = props.componentKey;
  const api = useApi(aiComponentsApiRef);
  const { value, loading, error } = useAsync(async (): Promise<Loaded> => {
    const key = { namespace, name };
    const [component, versions, runtimes] = await Promise.all([
      api.getComponent(key),
      api.listVersions(key),
      // The runtime's title is a nicety; the page works without it.
      api.listRuntimes().catch(() => []),
    ]);
    return { component, versions, runtimes };
  }, [api, namespace, name]);

  if (loading) return <Progress />;
  if (error || !value) {
    return (
      <Content>
        <ResponseErrorPanel error={error ?? new Error('No component')} />
      </Content>
    );
  }
  return <ComponentDetails {...value} />;
};

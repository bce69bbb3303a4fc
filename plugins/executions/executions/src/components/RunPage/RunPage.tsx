import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { workflowDefinitionsApiRef } from '../../api';
import { definitionSteps } from '../../lib/definition';
import { parseEntityKey } from '../../lib/paths';
import { RunStoreProvider } from '../../lib/RunStoreContext';
import { PanelBoundary } from '../PanelBoundary';
import { RunGraph } from '../RunGraph';
import { StepDrawer } from '../StepDrawer';
import { Timeline } from '../Timeline';
import { RunActions } from './RunActions';
import { RunSummary } from './RunSummary';
import { useLiveRun } from './useLiveRun';

/**
 * One run, live: its summary and actions, the graph of its workflow
 * version whose steps change state as events arrive, the paged timeline of
 * its steps, and a drawer with the detail of the selected step.
 */
export const RunPage = (props: { executionId: string }) => {
  const { executionId } = props;
  const workflowsApi = useApi(workflowDefinitionsApiRef);
  const { store, execution, error, live, refreshExecution } =
    useLiveRun(executionId);
  const [selected, setSelected] = useState<string>();
  const onSelect = useCallback((stepId: string) => setSelected(stepId), []);

  const workflowRef = execution?.workflowRef;
  const workflowVersion = execution?.workflowVersion;
  const definition = useAsync(async () => {
    if (!workflowRef || !workflowVersion) return undefined;
    const version = await workflowsApi.getVersion(
      parseEntityKey(workflowRef),
      workflowVersion,
    );
    return version.document as unknown as WorkflowDocument;
  }, [workflowsApi, workflowRef, workflowVersion]);
  const steps = useMemo(
    () => (definition.value ? definitionSteps(definition.value) : []),
    [definition.value],
  );

  if (!execution) {
    return (
      <Content>
        {error ? <ResponseErrorPanel error={error} /> : <Progress />}
      </Content>
    );
  }

  return (
    <RunStoreProvider store={store}>
      <Content>
        <ContentHeader title={`Run ${executionId}`}>
          <PanelBoundary title="The run actions">
            <RunActions
              execution={execution}
              steps={steps}
              inputSchema={
                // None until the version is read ({} when it has no schema).
                definition.value && (definition.value.spec.input ?? {})
              }
              onChanged={refreshExecution}
            />
          </PanelBoundary>
        </ContentHeader>
        {!live && (
          <Typography variant="caption" color="textSecondary" paragraph>
            Live updates are off (no signals in this app): reload to see
            changes.
          </Typography>
        )}
        {error && <ResponseErrorPanel error={error} />}
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <InfoCard title="Summary">
              <PanelBoundary title="The run summary">
                <RunSummary execution={execution} />
              </PanelBoundary>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Graph" noPadding>
              <PanelBoundary title="The graph">
                {definition.error && (
                  <ResponseErrorPanel error={definition.error} />
                )}
                {definition.loading && <Progress />}
                {steps.length > 0 && (
                  <RunGraph steps={steps} onSelect={onSelect} />
                )}
              </PanelBoundary>
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Timeline">
              <PanelBoundary title="The timeline">
                <Box style={{ overflowX: 'auto' }}>
                  <Timeline steps={steps} onSelect={onSelect} />
                </Box>
              </PanelBoundary>
            </InfoCard>
          </Grid>
        </Grid>
        <StepDrawer
          executionId={executionId}
          stepId={selected}
          onClose={() => setSelected(undefined)}
        />
      </Content>
    </RunStoreProvider>
  );
};

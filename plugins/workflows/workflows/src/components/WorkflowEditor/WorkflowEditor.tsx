import { ReactNode, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ReactFlowProvider } from '@xyflow/react';
import { useApi } from '@backstage/core-plugin-api';
import { useAppNavigate } from '@backstage/frontend-plugin-api';
import type {
  WorkflowDocument,
  WorkflowDto,
} from '@ai-ops/plugin-workflows-common';
import { documentInput, errorMessage, workflowsApiRef } from '../../api';
import { issuesByStep } from '../../lib/issues';
import { useWorkflowsPaths } from '../../lib/paths';
import { Banner } from '../Banner';
import { GraphCanvas, Palette } from '../GraphView';
import { IssuesList } from '../IssuesList';
import { SettingsPanel } from '../SettingsPanel';
import { StepPanel } from '../StepPanel';
import { YamlView } from '../YamlView';
import { SaveBar } from './SaveBar';
import { EditorTab, useEditorState } from './useEditorState';
import { useWorkflowValidation } from './useWorkflowValidation';

/** Height of the graph and its side panels. */
const CANVAS_HEIGHT = 600;

/** Props of {@link WorkflowEditor}. */
export interface WorkflowEditorProps {
  /** The saved workflow; absent while creating one. */
  workflow?: WorkflowDto;
  /** The document of a new workflow. */
  newDocument?: WorkflowDocument;
  readOnly: boolean;
  /** Content of the Versions tab (saved workflows only). */
  versions?: ReactNode;
  /** Content of the Triggers tab (saved workflows only). */
  triggers?: ReactNode;
  /** A notice to show first, e.g. "Created version 1". */
  initialStatus?: string;
  /** Called with the workflow a save returned. */
  onSaved?(workflow: WorkflowDto): void;
}

/**
 * The workflow editor: one document with a Graph view (palette, graph,
 * step or workflow panel) and a YAML view, validated as it changes, and
 * saved as a new version.
 */
export const WorkflowEditor = (props: WorkflowEditorProps) => {
  const { workflow, readOnly } = props;
  const api = useApi(workflowsApiRef);
  const navigate = useAppNavigate();
  const paths = useWorkflowsPaths();
  const isNew = !workflow;
  const saved = (workflow?.document ?? props.newDocument) as WorkflowDocument;
  const state = useEditorState(saved);
  const { document, dispatch, selectedId, setSelectedId } = state;

  const validation = useWorkflowValidation(document, { server: !readOnly });
  const byStep = useMemo(
    () => issuesByStep(validation.issues),
    [validation.issues],
  );

  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState(props.initialStatus);
  const [saveError, setSaveError] = useState<string>();
  const [tabError, setTabError] = useState<string>();

  const selectedStep = document.spec.steps.find(s => s.id === selectedId);
  const stepIds = document.spec.steps.map(s => s.id);

  const switchTab = (next: EditorTab) => {
    const ok = state.switchTab(next);
    setTabError(ok ? undefined : 'Fix the YAML before leaving this view.');
    return ok;
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    setStatus(undefined);
    try {
      if (!workflow) {
        const created = await api.createWorkflow(documentInput(document));
        navigate(paths.workflow(created), {
          state: { status: `Created version ${created.latestVersion}` },
        });
        return;
      }
      const note = message.trim();
      const result = await api.saveWorkflow(
        { namespace: workflow.namespace, name: workflow.name },
        documentInput(document, note),
      );
      setStatus(
        result.changed
          ? `Saved version ${result.workflow.latestVersion}`
          : `No changes: the document equals version ${result.workflow.latestVersion}`,
      );
      setMessage('');
      props.onSaved?.(result.workflow);
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const selectStep = (id: string) => {
    if (switchTab('graph')) setSelectedId(id);
  };

  const issues = (
    <IssuesList
      issues={validation.issues}
      checking={validation.checking}
      serverError={
        validation.serverError
          ? errorMessage(validation.serverError)
          : undefined
      }
      onSelectStep={selectStep}
    />
  );

  return (
    <Box>
      {status && (
        <Banner severity="success" testId="save-status">
          {status}
        </Banner>
      )}
      {saveError && (
        <Banner severity="error" testId="save-error">
          Not saved: {saveError}
        </Banner>
      )}
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        mb={1}
        style={{ gap: 8 }}
      >
        <Tabs
          value={state.tab}
          onChange={(_e, next) => switchTab(next)}
          indicatorColor="primary"
          aria-label="Workflow views"
        >
          <Tab value="graph" label="Graph" />
          <Tab value="yaml" label="YAML" />
          {props.versions && <Tab value="versions" label="Versions" />}
          {props.triggers && <Tab value="triggers" label="Triggers" />}
        </Tabs>
        {!readOnly && (state.tab === 'graph' || state.tab === 'yaml') && (
          <SaveBar
            isNew={isNew}
            dirty={state.dirty}
            saving={saving}
            blockedBy={
              state.yamlProblem && state.tab === 'yaml'
                ? 'Fix the YAML first'
                : undefined
            }
            message={message}
            onMessageChange={setMessage}
            onSave={save}
          />
        )}
      </Box>
      {tabError && state.yamlProblem && (
        <Banner severity="error">{tabError}</Banner>
      )}

      {state.tab === 'graph' && (
        <>
          <Box
            style={{
              display: 'grid',
              gridTemplateColumns: readOnly
                ? 'minmax(0, 1fr) 360px'
                : '240px minmax(0, 1fr) 360px',
              gap: 16,
            }}
          >
            {!readOnly && (
              <Paper
                variant="outlined"
                style={{ padding: 8, height: CANVAS_HEIGHT, overflow: 'auto' }}
              >
                <Palette
                  onAdd={template => state.addStep(template)}
                  steps={document.spec.steps}
                  selectedId={selectedId}
                />
              </Paper>
            )}
            <Paper variant="outlined" style={{ height: CANVAS_HEIGHT }}>
              <ReactFlowProvider>
                <GraphCanvas
                  document={document}
                  dispatch={dispatch}
                  issues={byStep}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                  onDropTemplate={state.addStep}
                  readOnly={readOnly}
                  fitRequest={state.fitRequest}
                />
              </ReactFlowProvider>
            </Paper>
            <Paper
              variant="outlined"
              style={{ padding: 12, height: CANVAS_HEIGHT, overflow: 'auto' }}
            >
              {selectedStep ? (
                <StepPanel
                  key={selectedStep.id}
                  step={selectedStep}
                  otherIds={stepIds.filter(id => id !== selectedStep.id)}
                  readOnly={readOnly}
                  onChange={step =>
                    dispatch({ type: 'updateStep', id: selectedStep.id, step })
                  }
                  onRename={to => {
                    dispatch({ type: 'renameStep', from: selectedStep.id, to });
                    setSelectedId(to);
                  }}
                  onDelete={() => {
                    dispatch({ type: 'removeSteps', ids: [selectedStep.id] });
                    setSelectedId(undefined);
                  }}
                />
              ) : (
                <SettingsPanel
                  document={document}
                  dispatch={dispatch}
                  isNew={isNew}
                  readOnly={readOnly}
                />
              )}
            </Paper>
          </Box>
          {issues}
        </>
      )}
      {state.tab === 'yaml' && (
        <>
          <YamlView
            text={state.yamlText}
            onChange={state.editYaml}
            problem={state.yamlProblem}
            readOnly={readOnly}
          />
          {issues}
        </>
      )}
      {state.tab === 'versions' && props.versions}
      {state.tab === 'triggers' && props.triggers}
    </Box>
  );
};

import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import {
  stableStringify,
  type WorkflowDocument,
} from '@ai-ops/plugin-workflows-common';
import { layoutSteps, nextStepPosition, positionAfter } from '../../lib/layout';
import { workflowReducer, type XYPosition } from '../../lib/model';
import { createStep, type StepTemplate } from '../../lib/stepTemplates';
import {
  documentToYaml,
  yamlToDocument,
  type YamlProblem,
} from '../../lib/yamlSync';

/** The views of the editor. */
export type EditorTab = 'graph' | 'yaml' | 'versions' | 'triggers';

/**
 * The editor's one in-memory document and the views on it. The graph and
 * the panels change it through actions; the YAML view edits text that
 * replaces it whenever it parses. Leaving the YAML view with text that does
 * not parse is refused, so no edit is lost either way.
 *
 * `saved` is the document as last saved; a new one replaces the document.
 */
export function useEditorState(saved: WorkflowDocument) {
  const [document, dispatch] = useReducer(workflowReducer, saved);
  const [baseline, setBaseline] = useState(() => stableStringify(saved));
  const [tab, setTab] = useState<EditorTab>('graph');
  const [yamlText, setYamlText] = useState('');
  const [yamlProblem, setYamlProblem] = useState<YamlProblem>();
  const [selectedId, setSelectedId] = useState<string>();
  const [fitRequest, setFitRequest] = useState(0);

  const lastSaved = useRef(saved);
  useEffect(() => {
    if (saved === lastSaved.current) return;
    lastSaved.current = saved;
    dispatch({ type: 'replace', document: saved });
    setBaseline(stableStringify(saved));
    setYamlText(documentToYaml(saved));
    setYamlProblem(undefined);
  }, [saved]);

  const dirty = useMemo(
    () => stableStringify(document) !== baseline,
    [document, baseline],
  );

  const editYaml = useCallback((text: string) => {
    setYamlText(text);
    const result = yamlToDocument(text);
    if ('problem' in result) {
      setYamlProblem(result.problem);
    } else {
      setYamlProblem(undefined);
      dispatch({ type: 'replace', document: result.document });
    }
  }, []);

  /** Switches views; false when the YAML text must be fixed first. */
  const switchTab = useCallback(
    (next: EditorTab): boolean => {
      if (next === tab) return true;
      if (tab === 'yaml') {
        const result = yamlToDocument(yamlText);
        if ('problem' in result) {
          setYamlProblem(result.problem);
          return false;
        }
        dispatch({ type: 'replace', document: result.document });
      }
      if (next === 'yaml') {
        setYamlText(documentToYaml(document));
        setYamlProblem(undefined);
      }
      setTab(next);
      return true;
    },
    [tab, yamlText, document],
  );

  /**
   * Adds a step from a palette entry, at a point or else below the step it
   * follows (a suggested next step) or below the others.
   */
  const addStep = useCallback(
    (template: StepTemplate, position?: XYPosition) => {
      const steps = document.spec.steps;
      const after = template.kind === 'component' ? template.after : undefined;
      const at =
        position ??
        (after
          ? positionAfter(layoutSteps(steps), after)
          : nextStepPosition(layoutSteps(steps).values()));
      const step = createStep(
        template,
        steps.map(s => s.id),
        at,
      );
      dispatch({ type: 'addStep', step });
      setSelectedId(step.id);
      if (!position) setFitRequest(n => n + 1);
    },
    [document],
  );

  return {
    document,
    dispatch,
    dirty,
    tab,
    switchTab,
    yamlText,
    yamlProblem,
    editYaml,
    selectedId,
    setSelectedId,
    addStep,
    fitRequest,
  };
}

/** The state and actions of {@link useEditorState}. */
export type EditorState = ReturnType<typeof useEditorState>;

import { useEffect, useMemo, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useApi } from '@backstage/core-plugin-api';
import {
  validateWorkflowDocument,
  type WorkflowDocument,
  type WorkflowIssue,
} from '@ai-ops/plugin-workflows-common';
import { documentInput, workflowsApiRef } from '../../api';
import { mergeIssues } from '../../lib/issues';

/** How long typing must pause before the browser validates. */
export const LOCAL_VALIDATION_DELAY_MS = 150;
/** How long typing must pause before the server validates. */
export const SERVER_VALIDATION_DELAY_MS = 600;

interface ServerAnswer {
  document: WorkflowDocument;
  issues?: WorkflowIssue[];
  error?: Error;
}

/**
 * Validates the editor's document as it changes: in the browser with the
 * shared validator, and on the server (`POST /validate`), which also checks
 * component refs and input types against the registry. Both are debounced;
 * answers of the server for older documents are dropped.
 */
export function useWorkflowValidation(
  document: WorkflowDocument,
  options: { server: boolean },
): { issues: WorkflowIssue[]; checking: boolean; serverError?: Error } {
  const api = useApi(workflowsApiRef);
  const [checked, setChecked] = useState(document);
  useDebounce(() => setChecked(document), LOCAL_VALIDATION_DELAY_MS, [
    document,
  ]);
  const local = useMemo(
    () => validateWorkflowDocument(checked).issues,
    [checked],
  );

  const [answer, setAnswer] = useState<ServerAnswer>();
  const latest = useRef(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  useDebounce(
    () => {
      if (!options.server) return;
      const request = ++latest.current;
      const sent = document;
      api.validate(documentInput(sent)).then(
        result => {
          if (mounted.current && request === latest.current) {
            setAnswer({
              document: sent,
              issues: result.issues as WorkflowIssue[],
            });
          }
        },
        error => {
          if (mounted.current && request === latest.current) {
            setAnswer({ document: sent, error });
          }
        },
      );
    },
    SERVER_VALIDATION_DELAY_MS,
    [document, options.server, api],
  );

  const issues = useMemo(
    () => mergeIssues(local, answer?.issues, answer?.document === document),
    [local, answer, document],
  );
  return {
    issues,
    checking:
      checked !== document || (options.server && answer?.document !== document),
    serverError: answer?.document === document ? answer.error : undefined,
  };
}

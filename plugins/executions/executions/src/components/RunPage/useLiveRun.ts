import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  executionSignalChannel,
  type ExecutionDto,
  type ExecutionSignal,
} from '@ai-ops/plugin-executions-common';
import { executionsApiRef } from '../../api';
import { storedEventToSignal } from '../../lib/eventSignals';
import { createRunStore } from '../../lib/runStore';
import { useSignalSubscription } from '../../lib/useSignalSubscription';

/** Events per page when the history is fetched. */
const HISTORY_PAGE = 500;

/**
 * A run kept live: its record (fetched again when its status changes) and a
 * store of its steps built from its events. The history is fetched first;
 * then signals on the run's channel are applied in sequence order,
 * duplicates ignored, and a gap in the sequence fetches the missing events.
 */
export function useLiveRun(executionId: string) {
  const api = useApi(executionsApiRef);
  const store = useMemo(() => createRunStore(executionId), [executionId]);
  const [execution, setExecution] = useState<ExecutionDto>();
  const [error, setError] = useState<Error>();
  const fetching = useRef(false);
  const again = useRef(false);

  const refreshExecution = useCallback(async () => {
    try {
      setExecution(await api.getExecution(executionId));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, executionId]);

  /** Fetches every event after the newest applied one, page by page. */
  const catchUp = useCallback(async () => {
    if (fetching.current) {
      again.current = true;
      return;
    }
    fetching.current = true;
    try {
      do {
        again.current = false;
        for (;;) {
          const page = await api.listExecutionEvents(executionId, {
            after: store.getState().lastSequence,
            limit: HISTORY_PAGE,
          });
          store.getState().applyAll(page.items.map(storedEventToSignal));
          if (page.nextAfter === undefined || page.items.length === 0) break;
        }
      } while (again.current);
    } catch (e) {
      setError(e as Error);
    } finally {
      fetching.current = false;
    }
  }, [api, executionId, store]);

  /** Asks the API how a step that waited for a decision ended. */
  const resolveDecidedStep = useCallback(
    async (stepId: string) => {
      try {
        const step = await api.getStep(executionId, stepId, { limit: 1 });
        store
          .getState()
          .resolveWaitingStep(
            stepId,
            step.status,
            step.finishedAt ?? new Date().toISOString(),
          );
      } catch (e) {
        setError(e as Error);
      }
    },
    [api, executionId, store],
  );

  useEffect(() => {
    refreshExecution();
    catchUp();
  }, [refreshExecution, catchUp]);

  const live = useSignalSubscription<ExecutionSignal>(
    executionSignalChannel(executionId),
    signal => {
      const result = store.getState().apply(signal);
      if (result === 'gap') catchUp();
      if (result === 'applied' && signal.type.startsWith('ai-ops.execution.')) {
        refreshExecution();
      }
      if (result === 'applied' && signal.type.startsWith('ai-ops.approval.')) {
        refreshExecution();
        const stepId = signal.approval?.stepId;
        if (stepId && store.getState().steps[stepId]?.status === 'waiting') {
          resolveDecidedStep(stepId);
        }
      }
    },
  );

  return { store, execution, error, live, refreshExecution };
}

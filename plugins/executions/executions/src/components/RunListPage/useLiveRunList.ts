import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EXECUTIONS_LIST_SIGNAL_CHANNEL,
  type ExecutionDto,
  type ExecutionListDto,
  type ExecutionSignal,
  type ListExecutionsQuery,
} from '@ai-ops/plugin-executions-common';
import { executionsApiRef } from '../../api';
import { useSignalSubscription } from '../../lib/useSignalSubscription';

/** How long new runs are collected before the first page is fetched again. */
const RELOAD_DELAY_MS = 500;

/** A run with what its newer events said. */
function patched(run: ExecutionDto, signal: ExecutionSignal): ExecutionDto {
  return {
    ...run,
    status: signal.executionStatus ?? run.status,
    costUsd: signal.costUsd ?? run.costUsd,
    tokens: signal.tokens ?? run.tokens,
    ...(signal.type === 'ai-ops.execution.started.v1' && !run.startedAt
      ? { startedAt: signal.time }
      : {}),
    ...(['succeeded', 'failed', 'cancelled'].includes(
      signal.executionStatus ?? '',
    ) && !run.finishedAt
      ? { finishedAt: signal.time }
      : {}),
  };
}

/**
 * A page of runs from the server (its filters and cursor in `query`), kept
 * live: run events on the run-list signal channel update the status, cost
 * and tokens of the runs shown, and on the first page a new run fetches the
 * page again (so it appears only if it matches the filters).
 */
export function useLiveRunList(query: ListExecutionsQuery) {
  const api = useApi(executionsApiRef);
  const [reloads, setReloads] = useState(0);
  const key = JSON.stringify(query);
  const result = useAsync(
    () => api.listExecutions(JSON.parse(key)),
    [api, key, reloads],
  );
  const [page, setPage] = useState<ExecutionListDto>();
  const sequences = useRef(new Map<string, number>());
  const shownIds = useRef(new Set<string>());
  shownIds.current = new Set(page?.items.map(r => r.id));
  useEffect(() => {
    if (result.value) {
      sequences.current = new Map();
      setPage(result.value);
    }
  }, [result.value]);

  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  const live = useSignalSubscription<ExecutionSignal>(
    EXECUTIONS_LIST_SIGNAL_CHANNEL,
    signal => {
      const seen = sequences.current.get(signal.executionId) ?? 0;
      if (signal.sequence <= seen) return;
      sequences.current.set(signal.executionId, signal.sequence);
      if (shownIds.current.has(signal.executionId)) {
        setPage(current => {
          if (!current) return current;
          const items = current.items.map(run =>
            run.id === signal.executionId ? patched(run, signal) : run,
          );
          return { ...current, items };
        });
      } else if (!query.cursor && !reloadTimer.current) {
        reloadTimer.current = setTimeout(() => {
          reloadTimer.current = undefined;
          setReloads(n => n + 1);
        }, RELOAD_DELAY_MS);
      }
    },
  );

  return {
    page,
    loading: result.loading && !page,
    error: result.error,
    live,
  };
}

import { createContext, ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { RunStore, RunStoreState, StepLiveState } from './runStore';

const RunStoreContext = createContext<RunStore | undefined>(undefined);

/** Makes a run's store available to the graph, the timeline and the drawer. */
export const RunStoreProvider = (props: {
  store: RunStore;
  children: ReactNode;
}) => (
  <RunStoreContext.Provider value={props.store}>
    {props.children}
  </RunStoreContext.Provider>
);

function useRunStoreApi(): RunStore {
  const store = useContext(RunStoreContext);
  if (!store) throw new Error('No RunStoreProvider above this component');
  return store;
}

/** A slice of the run's live state; re-renders only when the slice changes. */
export function useRunState<T>(selector: (state: RunStoreState) => T): T {
  return useStore(useRunStoreApi(), selector);
}

/**
 * The live state of one step. Each step keeps its object until one of its
 * own events arrives, so a component using this re-renders for that step only.
 */
export function useStepState(stepId: string): StepLiveState | undefined {
  return useStore(useRunStoreApi(), state => state.steps[stepId]);
}

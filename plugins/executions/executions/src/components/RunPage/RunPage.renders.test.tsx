import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { executionSignalChannel } from '@ai-ops/plugin-executions-common';
import {
  EXECUTIONS_URL,
  executionFixture,
  renderPage,
  stepSignal,
  storedEvent,
  useSignalsServer,
  versionFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { RunPage } from './RunPage';

/** Renders of the status badge, by step id: the graph node and the timeline row each render one. */
const renders = new Map<string, number>();

jest.mock('../RunGraph/StepStatusBadge', () => {
  const actual = jest.requireActual('../RunGraph/StepStatusBadge');
  return {
    StepStatusBadge: (props: { stepId: string; status: string }) => {
      renders.set(props.stepId, (renders.get(props.stepId) ?? 0) + 1);
      const Badge = actual.StepStatusBadge;
      return <Badge {...props} />;
    },
  };
});

/** A workflow of many independent steps. */
const STEP_COUNT = 40;
const stepIds = Array.from({ length: STEP_COUNT }, (_, i) => `s${i}`);

describe('RunPage re-renders', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const signals = useSignalsServer(server);

  beforeEach(() => {
    signals.listen();
    server.use(
      http.get(`${EXECUTIONS_URL}/executions/run-1`, () =>
        HttpResponse.json(executionFixture()),
      ),
      http.get(`${EXECUTIONS_URL}/executions/run-1/events`, () =>
        HttpResponse.json({
          items: [
            storedEvent(1, 'ai-ops.execution.started.v1', {
              status: 'running',
            }),
          ],
        }),
      ),
      http.get(
        `${WORKFLOWS_URL}/workflows/default/support-triage/versions/2`,
        () =>
          HttpResponse.json(
            versionFixture(
              stepIds.map((id, i) => ({
                id,
                component: 'aicomponent:default/echo',
                position: { x: (i % 8) * 260, y: Math.floor(i / 8) * 150 },
              })),
            ),
          ),
      ),
    );
  });

  it('re-renders only the node and the row of the step an event is about', async () => {
    await renderPage(<RunPage executionId="run-1" />, {
      path: '/executions/runs/run-1',
    });
    await screen.findByTestId('run-step-s39');
    await screen.findByTestId('timeline-row-s39');
    await signals.subscribed(executionSignalChannel('run-1'));
    // Let the first renders (measuring, fitting the view) settle.
    await waitFor(() => expect(renders.get('s0')).toBeGreaterThanOrEqual(2));
    await new Promise(resolve => setTimeout(resolve, 300));
    renders.clear();

    act(() =>
      signals.push(
        executionSignalChannel('run-1'),
        stepSignal(2, 's7', 'running'),
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('run-step-s7')).toHaveAttribute(
        'data-status',
        'running',
      ),
    );
    act(() =>
      signals.push(
        executionSignalChannel('run-1'),
        stepSignal(3, 's7', 'succeeded'),
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('run-step-s7')).toHaveAttribute(
        'data-status',
        'succeeded',
      ),
    );

    // Two events, each re-rendering the node and the row of s7 once.
    expect(renders.get('s7')).toBe(4);
    const others = stepIds.filter(id => id !== 's7' && renders.has(id));
    expect(others).toEqual([]);
  });
});

import { useState } from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  errorBody,
  recommendationFixture,
  RECOMMENDATIONS_URL,
  renderWithApi,
} from '../../__testUtils__';
import { SuggestedNextSteps } from './SuggestedNextSteps';

const steps = [
  { id: 'classify', component: 'aicomponent:default/gpt-4o-mini-chat' },
  { id: 'review', approval: { timeout: '1d' }, needs: ['classify'] },
];

// Rendering in jsdom is slow when suites run in parallel.
jest.setTimeout(30_000);

describe('SuggestedNextSteps', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let bodies: unknown[];
  beforeEach(() => {
    bodies = [];
    server.use(
      http.post(`${RECOMMENDATIONS_URL}/next-steps`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({
          stepId: 'classify',
          items: [
            recommendationFixture({
              name: 'toxicity-evaluator',
              title: 'Toxicity evaluator',
              type: 'evaluator',
              reasons: [
                {
                  kind: 'co-usage',
                  text: 'follows gpt-4o-mini-chat in 37 successful runs',
                  value: 37,
                },
                {
                  kind: 'schema-fit',
                  text: 'its input takes the output of gpt-4o-mini-chat',
                },
              ],
            }),
          ],
        });
      }),
    );
  });

  it('suggests what follows the selected step, with reasons, and adds one after it', async () => {
    const onAdd = jest.fn();
    const user = userEvent.setup();
    await renderWithApi(
      <SuggestedNextSteps steps={steps} stepId="classify" onAdd={onAdd} />,
    );
    const list = await screen.findByRole('list', {
      name: 'Suggested next steps',
    });
    const why = within(list).getByRole('list', {
      name: 'Why Toxicity evaluator',
    });
    expect(
      within(why)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'follows gpt-4o-mini-chat in 37 successful runs',
      'its input takes the output of gpt-4o-mini-chat',
    ]);
    expect(bodies).toEqual([
      {
        document: {
          spec: {
            steps: [
              {
                id: 'classify',
                component: 'aicomponent:default/gpt-4o-mini-chat',
              },
              { id: 'review', needs: ['classify'] },
            ],
          },
        },
        stepId: 'classify',
      },
    ]);

    await user.click(
      within(list).getByRole('button', {
        name: 'Add toxicity-evaluator after classify',
      }),
    );
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd.mock.calls[0][0].ref).toBe(
      'aicomponent:default/toxicity-evaluator',
    );
    expect(onAdd.mock.calls[0][1]).toBe('classify');
  });

  it('hands a dragged suggestion and the step it follows to the editor', async () => {
    const onDragStart = jest.fn();
    await renderWithApi(
      <SuggestedNextSteps
        steps={steps}
        stepId="classify"
        onAdd={jest.fn()}
        onDragStart={onDragStart}
      />,
    );
    const list = await screen.findByRole('list', {
      name: 'Suggested next steps',
    });
    const entry = within(list).getAllByRole('listitem')[0];
    expect(entry).toHaveAttribute('draggable', 'true');
    fireEvent.dragStart(entry, { dataTransfer: { setData: jest.fn() } });
    expect(onDragStart).toHaveBeenCalledTimes(1);
    expect(onDragStart.mock.calls[0][1].name).toBe('toxicity-evaluator');
    expect(onDragStart.mock.calls[0][2]).toBe('classify');
  });

  it('asks again when the graph changes, not when other fields do', async () => {
    const Harness = () => {
      const [current, setCurrent] = useState<any[]>(steps);
      return (
        <>
          <button
            onClick={() =>
              setCurrent([{ ...steps[0], name: 'Classify it' }, steps[1]])
            }
          >
            Rename
          </button>
          <button
            onClick={() =>
              setCurrent([...current, { id: 'notify', needs: ['classify'] }])
            }
          >
            Connect
          </button>
          <SuggestedNextSteps
            steps={current}
            stepId="classify"
            onAdd={jest.fn()}
          />
        </>
      );
    };
    const user = userEvent.setup();
    await renderWithApi(<Harness />);
    await screen.findByRole('list', { name: 'Suggested next steps' });
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await screen.findByRole('list', { name: 'Suggested next steps' });
    expect(bodies).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect((bodies[1] as any).document.spec.steps[2]).toEqual({
      id: 'notify',
      needs: ['classify'],
    });
  });

  it('shows an unavailable backend in the section only', async () => {
    server.use(
      http.post(`${RECOMMENDATIONS_URL}/next-steps`, () =>
        HttpResponse.json(
          errorBody(503, 'ServiceUnavailableError', 'index is starting'),
          {
            status: 503,
          },
        ),
      ),
    );
    await renderWithApi(
      <SuggestedNextSteps steps={steps} stepId="classify" onAdd={jest.fn()} />,
    );
    const section = screen.getByRole('region', {
      name: 'Suggested next steps',
    });
    expect(
      await within(section).findByText(
        'Recommendations are unavailable: index is starting',
      ),
    ).toBeInTheDocument();
  });
});

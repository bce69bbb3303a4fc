import { useState } from 'react';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import {
  componentFixture,
  COMPONENTS_URL,
  renderPage,
} from '../../__testUtils__';
import { StepPanel } from './StepPanel';

jest.setTimeout(30_000);

/** Holds the step the way the editor does, and records every change. */
const Editable = (props: {
  initial: WorkflowStep;
  changes: WorkflowStep[];
}) => {
  const [step, setStep] = useState(props.initial);
  return (
    <StepPanel
      step={step}
      otherIds={['prompt', 'review']}
      onChange={next => {
        props.changes.push(next);
        setStep(next);
      }}
      onRename={() => {}}
      onDelete={() => {}}
    />
  );
};

describe('StepPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() =>
    server.use(
      http.get(`${COMPONENTS_URL}/components/default/gpt-4o-mini-chat`, () =>
        HttpResponse.json(componentFixture()),
      ),
    ),
  );

  it('edits retry, timeout, error handling and inputs of a component step', async () => {
    const changes: WorkflowStep[] = [];
    const user = userEvent.setup();
    await renderPage(
      <Editable
        initial={{
          id: 'classify',
          component: 'aicomponent:default/gpt-4o-mini-chat',
        }}
        changes={changes}
      />,
    );
    const last = () => changes[changes.length - 1];

    // Inputs of the component's schema are listed, the required one marked.
    const messages = await screen.findByRole('textbox', {
      name: 'Value of messages',
    });
    expect(screen.getAllByLabelText('required')).toHaveLength(1);
    await user.click(messages);
    await user.paste('${{ steps.prompt.output.messages }}');
    expect(last().with).toEqual({
      messages: '${{ steps.prompt.output.messages }}',
    });

    // A number as JSON.
    await user.click(
      screen.getByRole('button', { name: 'JSON value of temperature' }),
    );
    fireEvent.change(
      screen.getByRole('textbox', { name: 'temperature (JSON)' }),
      {
        target: { value: '0.2' },
      },
    );
    expect(last().with).toEqual({
      messages: '${{ steps.prompt.output.messages }}',
      temperature: 0.2,
    });

    await user.type(screen.getByRole('textbox', { name: 'Max attempts' }), 'x');
    expect(screen.getByText('Must be a number')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Max attempts' }));
    await user.type(screen.getByRole('textbox', { name: 'Max attempts' }), '3');
    await user.type(
      screen.getByRole('textbox', { name: 'Initial interval' }),
      '1s',
    );
    await user.type(screen.getByRole('textbox', { name: 'Timeout' }), '5x');
    expect(screen.getByText(/A duration such as 500ms/)).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Timeout' }));
    await user.type(screen.getByRole('textbox', { name: 'Timeout' }), '60s');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'On error' }),
      'Go to a step',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'On error: go to step' }),
      'review',
    );
    expect(last()).toMatchObject({
      retry: { maxAttempts: 3, initialInterval: '1s' },
      timeout: '60s',
      onError: { goto: 'review' },
    });

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'On error' }),
      'Continue',
    );
    expect(last().onError).toBe('continue');
    await user.clear(screen.getByRole('textbox', { name: 'Max attempts' }));
    await user.clear(screen.getByRole('textbox', { name: 'Initial interval' }));
    expect(last()).not.toHaveProperty('retry');
  });

  it('edits an approval step without losing its kind', async () => {
    const changes: WorkflowStep[] = [];
    const user = userEvent.setup();
    await renderPage(
      <Editable
        initial={{ id: 'ok', approval: { timeout: '1d' } }}
        changes={changes}
      />,
    );
    const last = () => changes[changes.length - 1];
    const panel = screen.getByRole('region', { name: 'Step ok' });
    expect(within(panel).getByText('approval')).toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: 'Timeout' }),
    ).not.toBeInTheDocument();

    await user.type(
      screen.getByRole('textbox', { name: 'Approver groups' }),
      'group:default/sre, group:default/ops',
    );
    await user.click(screen.getByRole('checkbox', { name: /owning group/ }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'On timeout' }),
      'Approve',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'On reject' }),
      'Go to a step',
    );
    expect(last().approval).toEqual({
      timeout: '1d',
      approvers: {
        groups: ['group:default/sre', 'group:default/ops'],
        owners: false,
      },
      onTimeout: 'approve',
      onReject: { goto: 'prompt' },
    });

    await user.clear(
      screen.getByRole('textbox', { name: /^Approval timeout/ }),
    );
    expect(last().approval).toMatchObject({ onTimeout: 'approve' });
    expect(last().approval).not.toHaveProperty('timeout');
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  diffFixture,
  labelEventsFixture,
  renderPage,
  versionsFixture,
  workflowFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { VersionsPanel } from './VersionsPanel';

jest.setTimeout(30_000);

const workflowUrl = `${WORKFLOWS_URL}/workflows/default/support-triage`;

describe('VersionsPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  let diffQueries: string[];
  let labelMoves: Array<{ label: string; version: number }>;
  beforeEach(() => {
    diffQueries = [];
    labelMoves = [];
    server.use(
      http.get(`${workflowUrl}/versions`, () =>
        HttpResponse.json({ items: versionsFixture() }),
      ),
      http.get(`${workflowUrl}/labels`, () =>
        HttpResponse.json({ items: labelEventsFixture() }),
      ),
      http.get(`${workflowUrl}/diff`, ({ request }) => {
        diffQueries.push(new URL(request.url).search);
        return HttpResponse.json(diffFixture());
      }),
      http.put(`${workflowUrl}/labels/:label`, async ({ params, request }) => {
        const body: any = await request.json();
        labelMoves.push({ label: String(params.label), version: body.version });
        return HttpResponse.json(
          workflowFixture({ labels: { [String(params.label)]: body.version } }),
        );
      }),
    );
  });

  const render = (onChanged = jest.fn()) =>
    renderPage(
      <VersionsPanel
        workflow={workflowFixture()}
        canPromote
        canRestore
        onChanged={onChanged}
      />,
    );

  it('lists versions with their labels, and diffs the two ticked', async () => {
    const user = userEvent.setup();
    await render();
    const table = await screen.findByRole('table', { name: 'Versions' });
    const v1 = within(table).getByText('v1').closest('tr')!;
    expect(within(v1).getByText('production')).toBeInTheDocument();
    expect(within(table).getByText('Longer timeout')).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Label history' })).getByText(
        '— → v1',
      ),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('checkbox', { name: 'Compare version 2' }),
    );
    expect(screen.queryByTestId('version-diff')).not.toBeInTheDocument();
    await user.click(
      screen.getByRole('checkbox', { name: 'Compare version 1' }),
    );
    const diff = await screen.findByTestId('version-diff');
    expect(diffQueries).toEqual(['?from=1&to=2']);
    expect(within(diff).getByText('Version 1 → version 2')).toBeInTheDocument();
    expect(within(diff).getByText('score')).toBeInTheDocument();
    const step = within(diff).getByRole('table', {
      name: 'Changes of step classify',
    });
    const row = within(step).getByText('timeout').closest('tr')!;
    expect(within(row).getByText('added')).toBeInTheDocument();
    expect(within(row).getByText('"60s"')).toBeInTheDocument();
    const spec = within(diff).getByRole('table', { name: 'Workflow changes' });
    expect(within(spec).getByText('"production"')).toBeInTheDocument();
  });

  it('promotes a version to production', async () => {
    const onChanged = jest.fn();
    const user = userEvent.setup();
    await render(onChanged);
    await user.click(
      await screen.findByRole('button', {
        name: 'Promote version 2 to production',
      }),
    );
    expect(await screen.findByTestId('versions-notice')).toHaveTextContent(
      'Version 2 is now in production',
    );
    expect(labelMoves).toEqual([{ label: 'production', version: 2 }]);
    expect(onChanged).toHaveBeenCalledWith(
      expect.objectContaining({ labels: { production: 2 } }),
    );
  });

  it('sets a custom label', async () => {
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('button', { name: 'Set a label on version 1' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Set a label on version 1',
    });
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Label' }),
      'staging',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Set label' }));
    expect(await screen.findByTestId('versions-notice')).toHaveTextContent(
      'Label staging is on version 1',
    );
    expect(labelMoves).toEqual([{ label: 'staging', version: 1 }]);
  });

  it('restores an old version after confirmation', async () => {
    let restored = 0;
    server.use(
      http.post(`${workflowUrl}/versions/1/restore`, () => {
        restored++;
        return HttpResponse.json({
          workflow: workflowFixture({ latestVersion: 3 }),
          changed: true,
        });
      }),
    );
    const onChanged = jest.fn();
    const user = userEvent.setup();
    await render(onChanged);
    expect(
      await screen.findByRole('button', { name: 'Restore version 1' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Restore version 2' }),
    ).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Restore version 1' }));
    await user.click(
      within(
        screen.getByRole('dialog', { name: 'Restore version 1?' }),
      ).getByRole('button', { name: 'Restore' }),
    );
    expect(await screen.findByTestId('versions-notice')).toHaveTextContent(
      'Restored version 1 as version 3',
    );
    expect(restored).toBe(1);
    expect(onChanged).toHaveBeenCalledWith(
      expect.objectContaining({ latestVersion: 3 }),
    );
  });
});

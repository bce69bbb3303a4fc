import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  EXECUTIONS_URL,
  WORKFLOWS_URL,
  renderPage,
  versionFixture,
} from '../../__testUtils__';
import { StartRunDialog } from './StartRunDialog';

/** Test data only: the workflow list's one workflow, v2 production, v3 canary. */
const summary = {
  ref: 'aiworkflow:default/support-triage',
  namespace: 'default',
  name: 'support-triage',
  owner: 'group:default/team-a',
  lifecycle: 'experimental',
  tags: [],
  source: 'console',
  latestVersion: 4,
  labels: { production: 2, canary: 3 },
  stepCount: 3,
  componentRefs: [],
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
};

/** Version `n` of it, whose input schema asks for `required`. */
function version(n: number, required: string[]) {
  const fixture = versionFixture();
  return {
    ...fixture,
    version: n,
    document: {
      ...fixture.document,
      spec: {
        ...fixture.document.spec,
        input: {
          type: 'object',
          required,
          properties: {
            text: { type: 'string' },
            tone: { enum: ['calm', 'firm'] },
            limit: { type: 'integer', default: 3 },
          },
        },
      },
    },
  };
}

describe('StartRunDialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let versionsRead: string[];
  let started: unknown[];
  let searches: Array<string | null>;
  let estimatesRead: number[];

  beforeEach(() => {
    versionsRead = [];
    started = [];
    searches = [];
    estimatesRead = [];
    server.use(
      // 150 workflows in all; the test's one matches a search for 'triage'.
      http.get(`${WORKFLOWS_URL}/workflows`, ({ request }) => {
        const q = new URL(request.url).searchParams.get('q');
        searches.push(q);
        if (q === null) {
          return HttpResponse.json({ items: [summary], totalItems: 150 });
        }
        return HttpResponse.json(
          q === 'triage'
            ? { items: [summary], totalItems: 1 }
            : { items: [], totalItems: 0 },
        );
      }),
      http.get(
        `${WORKFLOWS_URL}/workflows/default/support-triage/versions/:version`,
        ({ params }) => {
          versionsRead.push(String(params.version));
          return HttpResponse.json(
            params.version === '2'
              ? version(2, ['text'])
              : version(Number(params.version), ['text', 'tone', 'limit']),
          );
        },
      ),
      // Version 2 has run 12 times lately; the others not yet.
      http.get(
        `${EXECUTIONS_URL}/estimates/workflows/default/support-triage`,
        ({ request }) => {
          const asked = Number(
            new URL(request.url).searchParams.get('version'),
          );
          estimatesRead.push(asked);
          return HttpResponse.json({
            workflowRef: 'aiworkflow:default/support-triage',
            basis: asked === 2 ? 'version' : 'workflow',
            version: asked,
            runs: 12,
            since: new Date(Date.now() - 30 * 86_400_000).toISOString(),
            finished: { succeeded: 12, failed: 0, cancelled: 0 },
            costUsd: { p50: 0.0123, p95: 0.045 },
            tokens: { p50: 1800, p95: 4100 },
            durationMs: { p50: 1500, p95: 4000 },
          });
        },
      ),
      http.post(`${EXECUTIONS_URL}/executions`, async ({ request }) => {
        started.push(await request.json());
        return HttpResponse.json(
          { id: 'run-new', status: 'running' },
          { status: 202 },
        );
      }),
    );
  });

  async function pickWorkflow() {
    await renderPage(<StartRunDialog open onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Workflow/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /default\/support-triage/ }),
    );
    return dialog;
  }

  async function pickVersion(dialog: HTMLElement, name: string) {
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Version/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name }));
  }

  const inputOf = (dialog: HTMLElement) =>
    within(dialog).getByRole('textbox', { name: 'Input (JSON)' });

  it('fills the input with what the version to run requires, following the picked label', async () => {
    const dialog = await pickWorkflow();
    await waitFor(() =>
      expect(
        JSON.parse((inputOf(dialog) as HTMLTextAreaElement).value),
      ).toEqual({
        text: '',
      }),
    );
    expect(versionsRead).toEqual(['2']);
    expect(
      within(dialog).getByText(
        'Runs version 2 (label production). Input fields: text (required), tone, limit.',
      ),
    ).toBeInTheDocument();
    // What a run of that version is likely to cost, from its recent runs.
    expect(await within(dialog).findByTestId('run-estimate')).toHaveTextContent(
      'Estimate from 12 succeeded runs of version 2 in the last 30 days: $0.0123 typical, $0.045 at the 95th percentile; 1,800 tokens; about 1.5 s.',
    );

    await pickVersion(dialog, 'Label canary (version 3)');
    await waitFor(() =>
      expect(
        JSON.parse((inputOf(dialog) as HTMLTextAreaElement).value),
      ).toEqual({
        text: '',
        tone: 'calm',
        limit: 3,
      }),
    );
    expect(versionsRead).toEqual(['2', '3']);
    expect(
      within(dialog).getByText(/^Runs version 3 \(label canary\)/),
    ).toBeInTheDocument();
  });

  it('runs a picked version, and leaves an edited input alone', async () => {
    const dialog = await pickWorkflow();
    await waitFor(() => expect(versionsRead).toEqual(['2']));
    await userEvent.clear(inputOf(dialog));
    await userEvent.type(inputOf(dialog), '{{"text": "mine"}');

    await userEvent.click(
      within(dialog).getByRole('button', { name: /Version/ }),
    );
    // The default, the labels, then the versions, newest first.
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual([
      'Default: label production (version 2)',
      'Label canary (version 3)',
      'Label production (version 2)',
      'Version 4 (newest)',
      'Version 3',
      'Version 2',
      'Version 1',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: 'Version 4 (newest)' }),
    );
    // Version 4 is read and shown; the input stays as the user typed it.
    await within(dialog).findByText(/^Runs version 4 \(picked\)/);
    await waitFor(() =>
      expect(within(dialog).getByTestId('run-estimate')).toHaveTextContent(
        /^Estimate from 12 succeeded runs of other versions \(none of this one yet\)/,
      ),
    );
    expect(estimatesRead).toEqual([2, 4]);
    expect(versionsRead).toEqual(['2', '4']);
    expect(JSON.parse((inputOf(dialog) as HTMLTextAreaElement).value)).toEqual({
      text: 'mine',
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start' }),
    );
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]).toEqual({
      workflow: 'aiworkflow:default/support-triage',
      version: 4,
      input: { text: 'mine' },
    });
  });

  it('does not start a run whose input is not JSON', async () => {
    const dialog = await pickWorkflow();
    await waitFor(() => expect(versionsRead).toEqual(['2']));
    await userEvent.clear(inputOf(dialog));
    await userEvent.type(inputOf(dialog), '{{"text": ');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /^Input is not JSON/,
    );
    expect(started).toHaveLength(0);
  });

  it('searches the server beyond the first workflows, and keeps the picked one', async () => {
    await renderPage(<StartRunDialog open onClose={() => {}} />);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('149 more; search to narrow the list.'),
    ).toBeInTheDocument();
    const search = within(dialog).getByRole('searchbox', {
      name: 'Search workflows',
    });
    await userEvent.type(search, 'triage');
    await waitFor(() => expect(searches).toContain('triage'));
    await waitFor(() =>
      expect(
        within(dialog).queryByText(/more; search to narrow the list/),
      ).not.toBeInTheDocument(),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Workflow/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /default\/support-triage/ }),
    );

    await userEvent.clear(search);
    await userEvent.type(search, 'nothing');
    expect(
      await within(dialog).findByText("No workflow matches 'nothing'."),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: /default\/support-triage/ }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start' }),
    );
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0]).toMatchObject({
      workflow: 'aiworkflow:default/support-triage',
    });
  });
});

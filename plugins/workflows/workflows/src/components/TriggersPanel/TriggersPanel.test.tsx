import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { WorkflowTriggerDto } from '@ai-ops/plugin-workflows-common';
import type {
  ExecutionDto,
  TriggerScheduleDto,
} from '@ai-ops/plugin-executions-common';
import {
  errorBody,
  EXECUTIONS_URL,
  renderPage,
  runFixture,
  scheduleTriggerFixture,
  webhookTriggerFixture,
  workflowFixture,
  WORKFLOWS_URL,
} from '../../__testUtils__';
import { runRouteRef } from '../../routes';
import { TriggersPanel } from './TriggersPanel';

const triggersUrl = `${WORKFLOWS_URL}/workflows/default/support-triage/triggers`;
const SCHEDULE = scheduleTriggerFixture();
const WEBHOOK = webhookTriggerFixture();
const SECRET = 'c2VjcmV0LW9mLXRoZS13ZWJob29rLXNob3duLW9uY2U';
const NEW_ID = '33333333-3333-4333-8333-333333333333';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant `ms` from now, as the API spells it. */
const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('TriggersPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** The triggers the fake server holds, and the requests that changed them. */
  let stored: WorkflowTriggerDto[];
  let requests: Array<{ method: string; path: string; body?: unknown }>;
  /** Runs by trigger id (newest first), Temporal Schedules by trigger id, and what the executions API was asked. */
  let runs: Record<string, ExecutionDto[]>;
  let schedules: Record<string, TriggerScheduleDto>;
  let activity: string[];
  /** When the schedule trigger fires next: in 3 hours. */
  let nextFire: string;
  beforeEach(() => {
    stored = [SCHEDULE, WEBHOOK];
    requests = [];
    runs = {};
    nextFire = fromNow(3 * HOUR + 60_000);
    schedules = {
      [SCHEDULE.id]: {
        triggerId: SCHEDULE.id,
        scheduleId: `ai-ops-trigger-${SCHEDULE.id}`,
        paused: false,
        nextFireTimes: [nextFire, fromNow(27 * HOUR)],
      },
    };
    activity = [];
    server.use(
      http.get(`${EXECUTIONS_URL}/executions`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const triggerId = query.get('triggerId') ?? '';
        activity.push(`runs of ${triggerId}, limit ${query.get('limit')}`);
        const items = runs[triggerId] ?? [];
        return HttpResponse.json({
          items: items.slice(0, Number(query.get('limit') ?? 50)),
          totalItems: items.length,
        });
      }),
      http.get(`${EXECUTIONS_URL}/triggers/:id/schedule`, ({ params }) => {
        const id = String(params.id);
        activity.push(`schedule of ${id}`);
        return schedules[id]
          ? HttpResponse.json(schedules[id])
          : HttpResponse.json(
              errorBody(
                404,
                'NotFoundError',
                `triggerId: the schedule of trigger '${id}' is not in Temporal yet`,
              ),
              { status: 404 },
            );
      }),
    );
    const record = async (request: Request) => {
      const text = await request.text();
      requests.push({
        method: request.method,
        path: new URL(request.url).pathname.replace(
          '/api/workflows/workflows/default/support-triage',
          '',
        ),
        ...(text ? { body: JSON.parse(text) } : {}),
      });
      return text ? JSON.parse(text) : undefined;
    };
    server.use(
      http.get(triggersUrl, () => HttpResponse.json({ items: stored })),
      http.post(triggersUrl, async ({ request }) => {
        const body = await record(request);
        const created = {
          ...body,
          id: NEW_ID,
          createdAt: '2026-01-05T10:00:00.000Z',
          updatedAt: '2026-01-05T10:00:00.000Z',
        };
        stored = [...stored, created];
        return HttpResponse.json(
          body.type === 'webhook' ? { ...created, secret: SECRET } : created,
          { status: 201 },
        );
      }),
      http.put(`${triggersUrl}/:id`, async ({ request, params }) => {
        const body = await record(request);
        const updated = { ...stored.find(t => t.id === params.id)!, ...body };
        stored = stored.map(t => (t.id === params.id ? updated : t));
        return HttpResponse.json(updated);
      }),
      http.delete(`${triggersUrl}/:id`, async ({ request, params }) => {
        await record(request);
        stored = stored.filter(t => t.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
      http.post(
        `${triggersUrl}/:id/rotate-secret`,
        async ({ request, params }) => {
          await record(request);
          return HttpResponse.json({
            ...stored.find(t => t.id === params.id)!,
            secret: 'bmV3LXNlY3JldA',
          });
        },
      ),
    );
  });

  const render = (canManage = true) =>
    renderPage(
      <TriggersPanel workflow={workflowFixture()} canManage={canManage} />,
    );

  const openAddDialog = async (user: ReturnType<typeof userEvent.setup>) => {
    await user.click(
      await screen.findByRole('button', { name: 'Add trigger' }),
    );
    return screen.getByRole('dialog', { name: 'Add trigger' });
  };

  it('lists schedule and webhook triggers with what they run', async () => {
    await render();
    const table = await screen.findByRole('table', { name: 'Triggers' });
    expect(screen.getByText('2 triggers')).toBeInTheDocument();

    const schedule = within(table).getByTestId(`trigger-${SCHEDULE.id}`);
    expect(within(schedule).getByText('Schedule')).toBeInTheDocument();
    expect(within(schedule).getByText('0 9 * * 1-5')).toBeInTheDocument();
    expect(within(schedule).getByText('Europe/Berlin')).toBeInTheDocument();
    expect(within(schedule).getByText('label production')).toBeInTheDocument();
    expect(
      within(schedule).getByText('{"text":"daily digest"}'),
    ).toBeInTheDocument();
    expect(
      within(schedule).getByRole('checkbox', {
        name: "Enable schedule '0 9 * * 1-5'",
      }),
    ).toBeChecked();

    const webhook = within(table).getByTestId(`trigger-${WEBHOOK.id}`);
    expect(within(webhook).getByText('Webhook')).toBeInTheDocument();
    expect(
      await within(webhook).findByText(
        `POST ${EXECUTIONS_URL}/webhooks/${WEBHOOK.id}`,
      ),
    ).toBeInTheDocument();
    expect(within(webhook).getByText('version 2')).toBeInTheDocument();
    expect(
      within(webhook).getByRole('checkbox', {
        name: 'Enable webhook 22222222',
      }),
    ).not.toBeChecked();
    expect(
      within(webhook).getByRole('button', {
        name: 'Rotate the secret of webhook 22222222',
      }),
    ).toBeInTheDocument();
    expect(
      within(schedule).queryByRole('button', { name: /Rotate the secret/ }),
    ).not.toBeInTheDocument();
  });

  it('creates a schedule with the entered cron and input', async () => {
    const user = userEvent.setup();
    await render();
    const dialog = await openAddDialog(user);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Cron' }),
      '*/15 * * * *',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Timezone' }),
      'Europe/Paris',
    );
    // The label starts as production, which the workflow has; a label no
    // version has yet is pointed out.
    const label = within(dialog).getByRole('textbox', { name: 'Label' });
    expect(label).toHaveValue('production');
    await user.clear(label);
    await user.type(label, 'canary');
    expect(
      within(dialog).getByText(/No version has the label 'canary' yet/),
    ).toBeInTheDocument();
    await user.clear(label);
    await user.type(label, 'production');
    await user.click(
      within(dialog).getByRole('textbox', { name: 'Input (JSON)' }),
    );
    await user.paste('{"text": "hello", "priority": 2}');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add trigger' }),
    );

    expect(await screen.findByTestId('triggers-notice')).toHaveTextContent(
      "Added schedule '*/15 * * * *'",
    );
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/triggers',
        body: {
          type: 'schedule',
          cron: '*/15 * * * *',
          timezone: 'Europe/Paris',
          label: 'production',
          input: { text: 'hello', priority: 2 },
          enabled: true,
        },
      },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByTestId(`trigger-${NEW_ID}`)).toHaveTextContent(
      '*/15 * * * *',
    );
  });

  it('refuses input that is not a JSON object, naming the field, and sends nothing', async () => {
    const user = userEvent.setup();
    await render();
    const dialog = await openAddDialog(user);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Cron' }),
      '@daily',
    );
    const input = within(dialog).getByRole('textbox', { name: 'Input (JSON)' });
    await user.click(input);
    await user.paste('{"text": ');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add trigger' }),
    );
    expect(
      within(dialog).getByText(/^input: not valid JSON/),
    ).toBeInTheDocument();

    await user.clear(input);
    await user.paste('[1, 2]');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add trigger' }),
    );
    expect(
      within(dialog).getByText(/^input: must be a JSON object/),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(requests).toEqual([]);
    expect(screen.getByRole('dialog', { name: 'Add trigger' })).toBeVisible();
  });

  it('asks for a cron expression, and shows the server refusing one at the field', async () => {
    server.use(
      http.post(triggersUrl, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            "cron: '61 * * * *' is not a cron expression: invalid minute field '61' (allowed 0-59)",
          ),
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();
    const dialog = await openAddDialog(user);
    await user.click(
      within(dialog).getByRole('button', { name: 'Add trigger' }),
    );
    expect(
      within(dialog).getByText('cron: a schedule needs a cron expression'),
    ).toBeInTheDocument();
    expect(requests).toEqual([]);

    await user.type(
      within(dialog).getByRole('textbox', { name: 'Cron' }),
      '61 * * * *',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Add trigger' }),
    );
    expect(
      await within(dialog).findByText(
        "cron: '61 * * * *' is not a cron expression: invalid minute field '61' (allowed 0-59)",
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: 'Cron' }),
    ).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the secret of a new webhook once, with a curl command', async () => {
    const user = userEvent.setup();
    await render();
    await screen.findByText(`POST ${EXECUTIONS_URL}/webhooks/${WEBHOOK.id}`);
    const dialog = await openAddDialog(user);
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Kind' }),
      'webhook',
    );
    expect(
      within(dialog).queryByRole('textbox', { name: 'Cron' }),
    ).not.toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('button', { name: 'Add trigger' }),
    );

    const secretDialog = await screen.findByRole('dialog', {
      name: 'Webhook created',
    });
    expect(requests[0].body).toEqual({
      type: 'webhook',
      label: 'production',
      enabled: true,
    });
    expect(
      within(secretDialog).getByTestId('webhook-secret'),
    ).toHaveTextContent(SECRET);
    expect(
      within(secretDialog).getByTestId('secret-once-note'),
    ).toHaveTextContent('it will not be shown again');
    const curl = within(secretDialog).getByTestId('webhook-curl');
    expect(curl).toHaveTextContent(
      `curl -X POST '${EXECUTIONS_URL}/webhooks/${NEW_ID}'`,
    );
    expect(curl).toHaveTextContent(`-H 'Authorization: Bearer ${SECRET}'`);
    expect(
      within(secretDialog).getByRole('button', { name: 'Copy the secret' }),
    ).toBeInTheDocument();

    await user.click(
      within(secretDialog).getByRole('button', {
        name: 'I have copied the secret',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(await screen.findByTestId(`trigger-${NEW_ID}`)).toHaveTextContent(
      `POST ${EXECUTIONS_URL}/webhooks/${NEW_ID}`,
    );
    expect(
      screen.queryByText(SECRET, { exact: false }),
    ).not.toBeInTheDocument();
  });

  it('edits a schedule: a new cron, the same kind', async () => {
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('button', {
        name: "Edit schedule '0 9 * * 1-5'",
      }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit trigger' });
    expect(
      within(dialog).getByRole('combobox', { name: 'Kind' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('textbox', { name: 'Input (JSON)' }),
    ).toHaveValue('{\n  "text": "daily digest"\n}');
    const cron = within(dialog).getByRole('textbox', { name: 'Cron' });
    await user.clear(cron);
    await user.type(cron, '30 8 * * *');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save trigger' }),
    );
    expect(await screen.findByTestId('triggers-notice')).toHaveTextContent(
      "Saved schedule '30 8 * * *'",
    );
    expect(requests).toEqual([
      {
        method: 'PUT',
        path: `/triggers/${SCHEDULE.id}`,
        body: {
          type: 'schedule',
          cron: '30 8 * * *',
          timezone: 'Europe/Berlin',
          label: 'production',
          input: { text: 'daily digest' },
          enabled: true,
        },
      },
    ]);
  });

  it('deletes a trigger only after confirmation', async () => {
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('button', {
        name: "Delete schedule '0 9 * * 1-5'",
      }),
    );
    const confirm = screen.getByRole('dialog', {
      name: "Delete schedule '0 9 * * 1-5'?",
    });
    expect(confirm).toHaveTextContent('Its Temporal Schedule is removed');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(requests).toEqual([]);
    expect(screen.getByTestId(`trigger-${SCHEDULE.id}`)).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: "Delete schedule '0 9 * * 1-5'" }),
    );
    await user.click(
      within(
        screen.getByRole('dialog', { name: "Delete schedule '0 9 * * 1-5'?" }),
      ).getByRole('button', { name: 'Delete' }),
    );
    expect(await screen.findByTestId('triggers-notice')).toHaveTextContent(
      "Deleted schedule '0 9 * * 1-5'",
    );
    expect(requests).toEqual([
      { method: 'DELETE', path: `/triggers/${SCHEDULE.id}` },
    ]);
    await waitFor(() =>
      expect(
        screen.queryByTestId(`trigger-${SCHEDULE.id}`),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('1 trigger')).toBeInTheDocument();
  });

  it('disables a trigger by replacing it with enabled false', async () => {
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('checkbox', {
        name: "Enable schedule '0 9 * * 1-5'",
      }),
    );
    expect(await screen.findByTestId('triggers-notice')).toHaveTextContent(
      "Disabled schedule '0 9 * * 1-5'",
    );
    expect(requests).toEqual([
      {
        method: 'PUT',
        path: `/triggers/${SCHEDULE.id}`,
        body: {
          type: 'schedule',
          cron: '0 9 * * 1-5',
          timezone: 'Europe/Berlin',
          label: 'production',
          input: { text: 'daily digest' },
          enabled: false,
        },
      },
    ]);
    await waitFor(() =>
      expect(
        screen.getByRole('checkbox', { name: "Enable schedule '0 9 * * 1-5'" }),
      ).not.toBeChecked(),
    );
  });

  it('rotates a webhook secret after confirmation and shows the new one once', async () => {
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('button', {
        name: 'Rotate the secret of webhook 22222222',
      }),
    );
    await user.click(
      within(
        screen.getByRole('dialog', {
          name: 'Rotate the secret of webhook 22222222?',
        }),
      ).getByRole('button', { name: 'Rotate secret' }),
    );
    const secretDialog = await screen.findByRole('dialog', {
      name: 'New webhook secret',
    });
    expect(requests).toEqual([
      { method: 'POST', path: `/triggers/${WEBHOOK.id}/rotate-secret` },
    ]);
    expect(
      within(secretDialog).getByTestId('webhook-secret'),
    ).toHaveTextContent('bmV3LXNlY3JldA');
  });

  it("shows the server's reason when it refuses a change", async () => {
    server.use(
      http.put(`${triggersUrl}/:id`, () =>
        HttpResponse.json(
          errorBody(
            403,
            'NotAllowedError',
            "You may not update 'aiworkflow:default/support-triage'",
          ),
          { status: 403 },
        ),
      ),
    );
    const user = userEvent.setup();
    await render();
    await user.click(
      await screen.findByRole('checkbox', {
        name: "Enable schedule '0 9 * * 1-5'",
      }),
    );
    const notice = await screen.findByTestId('triggers-notice');
    expect(notice).toHaveTextContent(
      "You may not update 'aiworkflow:default/support-triage'",
    );
    expect(notice).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('table', { name: 'Triggers' })).toBeInTheDocument();
  });

  it('lists triggers without controls for those who may not manage them', async () => {
    await render(false);
    const table = await screen.findByRole('table', { name: 'Triggers' });
    expect(
      within(within(table).getByTestId(`trigger-${SCHEDULE.id}`)).getByText(
        'Enabled',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(table).getByTestId(`trigger-${WEBHOOK.id}`)).getByText(
        'Disabled',
      ),
    ).toBeInTheDocument();
    expect(within(table).queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      within(table).queryByRole('button', { name: /Delete|Rotate|Edit/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add trigger' }),
    ).not.toBeInTheDocument();
  });

  describe('when triggers fire next and what they last started', () => {
    const row = async (id: string) => screen.findByTestId(`trigger-${id}`);

    it('shows when a schedule fires next, with the absolute time as its title', async () => {
      await render();
      const schedule = await row(SCHEDULE.id);
      const next = await within(schedule).findByText('in 3 hours');
      expect(next).toHaveAttribute('datetime', nextFire);
      expect(next).toHaveAttribute(
        'title',
        new Date(nextFire).toLocaleString(),
      );
      // Webhooks start a run on each call; they have no schedule to read.
      expect(
        within(await row(WEBHOOK.id)).getByText('on each call'),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(activity).toContain(`runs of ${WEBHOOK.id}, limit 1`),
      );
      expect(activity.filter(a => a.startsWith('schedule of'))).toEqual([
        `schedule of ${SCHEDULE.id}`,
      ]);
    });

    it('shows Paused for a schedule Temporal has paused and for a disabled trigger, without asking about the latter', async () => {
      const disabled = scheduleTriggerFixture({
        id: '44444444-4444-4444-8444-444444444444',
        cron: '0 6 * * *',
        enabled: false,
      });
      stored = [SCHEDULE, disabled, WEBHOOK];
      schedules[SCHEDULE.id] = {
        ...schedules[SCHEDULE.id],
        paused: true,
        nextFireTimes: [],
      };
      await render();
      expect(
        await within(await row(SCHEDULE.id)).findByText('Paused'),
      ).toBeInTheDocument();
      expect(
        within(await row(disabled.id)).getByText('Paused'),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(activity).toContain(`runs of ${disabled.id}, limit 1`),
      );
      expect(activity).not.toContain(`schedule of ${disabled.id}`);
    });

    it('says Never for triggers that started no run, and Not scheduled yet while Temporal has no schedule', async () => {
      const made = schedules[SCHEDULE.id];
      delete schedules[SCHEDULE.id];
      await render();
      const schedule = await row(SCHEDULE.id);
      expect(
        await within(schedule).findByText('Not scheduled yet'),
      ).toBeInTheDocument();
      // The schedule is read again until Temporal has it.
      schedules[SCHEDULE.id] = made;
      expect(
        await within(schedule).findByText('in 3 hours', undefined, {
          timeout: 4_000,
        }),
      ).toBeInTheDocument();
      expect(
        activity.filter(a => a === `schedule of ${SCHEDULE.id}`).length,
      ).toBeGreaterThan(1);
      expect(await within(schedule).findByText('Never')).toBeInTheDocument();
      expect(
        await within(await row(WEBHOOK.id)).findByText('Never'),
      ).toBeInTheDocument();
      // The newest run of each trigger: one run, filtered by the trigger.
      expect(activity).toEqual(
        expect.arrayContaining([
          `runs of ${SCHEDULE.id}, limit 1`,
          `runs of ${WEBHOOK.id}, limit 1`,
        ]),
      );
    });

    it("links the newest run of each trigger to the run's page, with its status and when", async () => {
      const twoDaysAgo = fromNow(-2 * DAY - HOUR);
      runs[SCHEDULE.id] = [
        runFixture({ id: 'run-42', status: 'failed', queuedAt: twoDaysAgo }),
        runFixture({ id: 'run-41', queuedAt: fromNow(-3 * DAY) }),
      ];
      runs[WEBHOOK.id] = [
        runFixture({
          id: 'run-7',
          status: 'running',
          trigger: { type: 'webhook', triggerId: WEBHOOK.id },
          queuedAt: fromNow(-5 * 60_000 - 10_000),
        }),
      ];
      await renderPage(
        <TriggersPanel workflow={workflowFixture()} canManage />,
        { mountedRoutes: { '/executions/runs/:id': runRouteRef } },
      );
      const last = await within(await row(SCHEDULE.id)).findByRole('link', {
        name: 'Failed 2 days ago',
      });
      expect(last).toHaveAttribute('href', '/executions/runs/run-42');
      expect(within(last).getByText('2 days ago')).toHaveAttribute(
        'title',
        new Date(twoDaysAgo).toLocaleString(),
      );
      const hook = await within(await row(WEBHOOK.id)).findByRole('link', {
        name: 'Running 5 minutes ago',
      });
      expect(hook).toHaveAttribute('href', '/executions/runs/run-7');
    });

    it('shows the newest run without a link when the app does not bind the run route', async () => {
      runs[SCHEDULE.id] = [runFixture({ queuedAt: fromNow(-3 * HOUR) })];
      await render();
      const schedule = await row(SCHEDULE.id);
      expect(
        await within(schedule).findByText('3 hours ago'),
      ).toBeInTheDocument();
      expect(within(schedule).getByText('Succeeded')).toBeInTheDocument();
      expect(within(schedule).queryByRole('link')).not.toBeInTheDocument();
    });

    it('shows a dash where the activity cannot be read, and keeps the table usable', async () => {
      server.use(
        http.get(`${EXECUTIONS_URL}/executions`, () =>
          HttpResponse.json(
            errorBody(500, 'Error', 'the executions database is down'),
            { status: 500 },
          ),
        ),
        http.get(`${EXECUTIONS_URL}/triggers/:id/schedule`, () =>
          HttpResponse.json(
            errorBody(
              503,
              'ServiceUnavailableError',
              'Temporal at 127.0.0.1:7233 is not reachable',
            ),
            { status: 503 },
          ),
        ),
      );
      const user = userEvent.setup();
      await render();
      const schedule = await row(SCHEDULE.id);
      const next = await within(schedule).findByTitle(
        'The schedule could not be read: Temporal at 127.0.0.1:7233 is not reachable',
      );
      expect(next).toHaveTextContent(/^–$/);
      const last = await within(schedule).findByTitle(
        'The last run could not be read: the executions database is down',
      );
      expect(last).toHaveTextContent(/^–$/);
      expect(
        await within(await row(WEBHOOK.id)).findByTitle(
          /^The last run could not be read/,
        ),
      ).toHaveTextContent(/^–$/);

      // The rest of the row is there and works.
      expect(within(schedule).getByText('0 9 * * 1-5')).toBeInTheDocument();
      await user.click(
        within(schedule).getByRole('checkbox', {
          name: "Enable schedule '0 9 * * 1-5'",
        }),
      );
      expect(await screen.findByTestId('triggers-notice')).toHaveTextContent(
        "Disabled schedule '0 9 * * 1-5'",
      );
      await waitFor(() =>
        expect(
          within(schedule).getByRole('checkbox', {
            name: "Enable schedule '0 9 * * 1-5'",
          }),
        ).not.toBeChecked(),
      );
      // Disabled, it starts nothing: no need to ask Temporal.
      expect(within(schedule).getByText('Paused')).toBeInTheDocument();
    });
  });
});

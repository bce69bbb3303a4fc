import { APIRequestContext, expect, test } from '@playwright/test';

// Names of their own for every run, so reruns against one backend never clash.
const stamp = Date.now().toString(36);
const component = `e2e-shout-${stamp}`;
const workflow = `e2e-review-${stamp}`;
const OWNER = 'group:default/ai-ops-admins';

/** A guest token, as the app gets it, for setting up through the API. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

/**
 * A JSONata transform component (no external provider) and a workflow that
 * runs it, waits for an approval by its owners (the guest's group), and
 * runs it again on the first output.
 */
async function createWorkflow(request: APIRequestContext) {
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };
  const created = await request.post('/api/ai-components/components', {
    headers,
    data: {
      name: component,
      title: `Shout ${stamp}`,
      type: 'tool',
      owner: OWNER,
      lifecycle: 'experimental',
      runtime: {
        type: 'jsonata',
        config: { expression: '{ "text": $uppercase(text) & "!" }' },
      },
      inputSchema: {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string' } },
      },
      outputSchema: {
        type: 'object',
        properties: { text: { type: 'string' } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const saved = await request.post('/api/workflows/workflows', {
    headers,
    data: {
      document: {
        apiVersion: 'ai-ops.dev/v1alpha1',
        kind: 'AIWorkflow',
        metadata: { name: workflow, title: `E2E review ${stamp}` },
        spec: {
          owner: OWNER,
          lifecycle: 'experimental',
          input: {
            type: 'object',
            required: ['text'],
            properties: { text: { type: 'string' } },
          },
          steps: [
            {
              id: 'shout',
              component: `aicomponent:default/${component}`,
              with: { text: '${{ input.text }}' },
              position: { x: 0, y: 0 },
            },
            {
              id: 'review',
              needs: ['shout'],
              approval: {
                message: 'Publish ${{ steps.shout.output.text }}?',
                approvers: { owners: true },
                timeout: '1h',
                onTimeout: 'reject',
              },
              position: { x: 0, y: 160 },
            },
            {
              id: 'publish',
              needs: ['review'],
              component: `aicomponent:default/${component}`,
              with: { text: '${{ steps.shout.output.text }}' },
              position: { x: 0, y: 320 },
            },
          ],
          output: { text: '${{ steps.publish.output.text }}' },
        },
      },
    },
  });
  expect(saved.status(), await saved.text()).toBe(201);
}

test('a guest starts a run, watches its steps succeed live, approves it from the inbox, sees it finish, and starts another by webhook', async ({
  page,
  request,
}) => {
  // A run goes through Temporal and the worker: more time than a page visit.
  test.setTimeout(180_000);
  await createWorkflow(request);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Executions', exact: true }).click();
  await expect(page).toHaveURL(/\/executions$/);
  await expect(
    page.getByRole('heading', { name: 'Runs', exact: true }),
  ).toBeVisible();

  // Start a run of the new workflow with an input.
  await page.getByRole('button', { name: 'Start run' }).click();
  const dialog = page.getByRole('dialog');
  // Search: the server narrows the workflows to pick from.
  await dialog
    .getByRole('searchbox', { name: 'Search workflows' })
    .fill(workflow);
  await dialog.getByRole('button', { name: /Workflow/ }).click();
  await page
    .getByRole('option', { name: new RegExp(`default/${workflow}`) })
    .click();
  // The input starts as what the workflow's newest version requires.
  const input = dialog.getByRole('textbox', { name: 'Input (JSON)' });
  await expect(
    dialog.getByText(
      /Runs version 1 \(the newest\)\. Input fields: text \(required\)\./,
    ),
  ).toBeVisible();
  await expect(input).toHaveValue(/"text": ""/);
  await input.fill('{ "text": "ship it" }');
  await dialog.getByRole('button', { name: 'Start' }).click();

  // The run page: its graph in the workflow's layout, steps turning live.
  await expect(page).toHaveURL(/\/executions\/runs\/[^/]+$/);
  const runUrl = page.url();
  const runId = decodeURIComponent(runUrl.split('/').pop()!);
  const graph = page.getByTestId('run-graph');
  await expect(graph.getByTestId('run-step-shout')).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  await expect(graph.getByTestId('run-step-review')).toHaveAttribute(
    'data-status',
    'waiting',
  );
  await expect(graph.getByTestId('run-step-publish')).toHaveAttribute(
    'data-status',
    'pending',
  );
  await expect(page.getByTestId('run-status')).toHaveAttribute(
    'data-status',
    'paused',
  );

  // The step drawer shows what the transform made of the input.
  await page.getByRole('button', { name: 'Open step shout' }).click();
  const drawer = page.getByRole('region', { name: 'Step shout' });
  await expect(drawer.getByLabel('Output').first()).toContainText('SHIP IT!');
  await drawer.getByRole('button', { name: 'Close step' }).click();

  // The approvers (the owning group, the guest's) got a Backstage notification.
  await page.goto('/notifications');
  await expect(
    page.getByText(new RegExp(`Approval requested: .*${workflow} / review`)),
  ).toBeVisible();

  // The approval waits in the inbox; approve it there with a comment.
  await page.goto('/executions/approvals');
  await expect(
    page.getByRole('heading', { name: 'My approvals', exact: true }),
  ).toBeVisible();
  const item = page.getByTestId(`approval-${runId}`);
  await expect(item).toContainText('Publish SHIP IT!?');
  await item.getByRole('button', { name: `Approve ${runId} review` }).click();
  const decision = page.getByRole('dialog');
  await decision.getByRole('textbox', { name: 'Comment' }).fill('Looks right');
  await decision.getByRole('button', { name: 'Approve' }).click();
  await expect(
    page.getByText(`Approved step review of run ${runId.slice(0, 8)}.`),
  ).toBeVisible();
  await expect(item).toHaveCount(0);

  // Back on the run: the last step ran and the run finished.
  await page.goto(runUrl);
  await expect(page.getByTestId('run-status')).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  await expect(graph.getByTestId('run-step-publish')).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  await expect(page.getByLabel('Run output')).toContainText('SHIP IT!!');

  // The guest owns the workflow, so may pin the run against the retention.
  await page.getByRole('button', { name: 'Pin' }).click();
  await expect(page.getByTestId('run-pinned')).toHaveText('Pinned: kept');

  // And the list shows it as succeeded, filtered on the server by workflow
  // and pin.
  await page.goto(
    `/executions?pinned=true&workflow=${encodeURIComponent(
      `aiworkflow:default/${workflow}`,
    )}`,
  );
  await expect(page.getByRole('checkbox', { name: 'Pinned' })).toBeChecked();
  await expect(page.getByTestId(`run-status-${runId}`)).toContainText(
    'Succeeded',
  );

  // The run page links the workflow's own page (the workflows plugin).
  await page.goto(runUrl);
  await page
    .getByRole('link', { name: `aiworkflow:default/${workflow}`, exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/workflows/default/${workflow}$`));
  // And the workflow page leads to its runs.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await expect(page.getByTestId(`run-status-${runId}`)).toContainText(
    'Succeeded',
  );

  // The component's page counts its two calls (shout and publish).
  await page.goto(`/ai-components/default/${component}`);
  await expect(page.getByLabel('Usage totals')).toContainText('Calls2');
  await expect(page.getByLabel('Usage totals')).toContainText('100.0%');

  // On its Triggers tab the owner adds a webhook; its secret shows once.
  await page.goto(`/workflows/default/${workflow}`);
  await page.getByRole('tab', { name: 'Triggers' }).click();
  await page.getByRole('button', { name: 'Add trigger' }).click();
  const add = page.getByRole('dialog', { name: 'Add trigger' });
  await add.getByRole('combobox', { name: 'Kind' }).selectOption('webhook');
  // The workflow has no production label: the trigger runs version 1.
  await expect(
    add.getByText(/No version has the label 'production' yet/),
  ).toBeVisible();
  await add.getByRole('combobox', { name: 'Runs' }).selectOption('version');
  await add.getByRole('button', { name: 'Add trigger' }).click();
  const shown = page.getByRole('dialog', { name: 'Webhook created' });
  const secret = (await shown.getByTestId('webhook-secret').textContent())!;
  const curl = (await shown.getByTestId('webhook-curl').textContent())!;
  const hook = /curl -X POST '([^']+)'/.exec(curl)![1];
  await shown.getByRole('button', { name: 'I have copied the secret' }).click();
  await expect(page.getByRole('table', { name: 'Triggers' })).toContainText(
    `POST ${hook}`,
  );

  // A caller outside the portal starts a run with the secret, and the run
  // shows up as started by the webhook.
  const called = await request.post(hook, {
    headers: { Authorization: `Bearer ${secret.trim()}` },
    data: { text: 'hooked' },
  });
  expect(called.status(), await called.text()).toBe(202);
  const hooked = (await called.json()).id as string;
  await page.goto(`/executions/runs/${hooked}`);
  await expect(
    page.getByRole('button', { name: 'Open step shout' }),
  ).toBeVisible();
  await expect(page.getByText('webhook', { exact: true })).toBeVisible();
  const refused = await request.post(hook, {
    headers: { Authorization: 'Bearer not-the-secret' },
    data: { text: 'x' },
  });
  expect(refused.status()).toBe(401);

  // The Triggers tab shows what the webhook last started, linked to the run.
  await page.goto(`/workflows/default/${workflow}`);
  await page.getByRole('tab', { name: 'Triggers' }).click();
  const triggers = page.getByRole('table', { name: 'Triggers' });
  await expect(triggers).toContainText('on each call');
  await triggers.locator(`a[href$="/executions/runs/${hooked}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/executions/runs/${hooked}$`));

  // A schedule added on the Triggers tab reaches Temporal at once (the
  // workflows plugin announces it, the executions plugin syncs): its next
  // fire time shows without a reload. Deleted, it goes from the tab.
  await page.goto(`/workflows/default/${workflow}`);
  await page.getByRole('tab', { name: 'Triggers' }).click();
  await page.getByRole('button', { name: 'Add trigger' }).click();
  const addSchedule = page.getByRole('dialog', { name: 'Add trigger' });
  await addSchedule.getByRole('textbox', { name: 'Cron' }).fill('0 9 * * 1-5');
  await addSchedule
    .getByRole('combobox', { name: 'Runs' })
    .selectOption('version');
  await addSchedule
    .getByRole('textbox', { name: 'Input (JSON)' })
    .fill('{"text": "scheduled"}');
  await addSchedule.getByRole('button', { name: 'Add trigger' }).click();
  const scheduled = triggers
    .getByRole('row')
    .filter({ hasText: '0 9 * * 1-5' });
  await expect(scheduled.locator('time')).toHaveCount(1, { timeout: 10_000 });
  await expect(scheduled).not.toContainText('Not scheduled yet');
  await scheduled
    .getByRole('button', { name: "Delete schedule '0 9 * * 1-5'" })
    .click();
  await page
    .getByRole('dialog', { name: "Delete schedule '0 9 * * 1-5'?" })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(scheduled).toHaveCount(0);
});

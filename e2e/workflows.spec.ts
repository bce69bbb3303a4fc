import { expect, Page, test } from '@playwright/test';

// A name of its own for every run, so reruns against one backend never clash.
const stamp = Date.now().toString(36);
const name = `e2e-triage-${stamp}`;

/** Step ids the editor derives from the example components' names. */
const PROMPT = 'ticket_classifier_prompt';
const CHAT = 'gpt_4o_mini_chat';
const MATCH = 'label_exact_match';

/** Drags from a node's source handle (bottom) to another's target handle (top). */
async function connect(page: Page, from: string, to: string) {
  const source = page.getByTestId(`source-handle-${from}`);
  const target = page.getByTestId(`target-handle-${to}`);
  await source.hover();
  await page.mouse.down();
  const box = await target.boundingBox();
  if (!box) throw new Error(`no target handle of ${to}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, {
    steps: 12,
  });
  await page.mouse.up();
  await expect(
    page.getByTestId(`rf__edge-needs:${from}->${to}`),
  ).toBeAttached();
}

/** Waits until the graph stops moving (it fits the view to new steps). */
async function settled(page: Page, id: string) {
  const node = page.getByTestId(`step-node-${id}`);
  let last = '';
  await expect
    .poll(
      async () => {
        const box = JSON.stringify(await node.boundingBox());
        const same = box === last;
        last = box;
        return same;
      },
      { intervals: [150] },
    )
    .toBe(true);
}

/** Selects a step in the graph, which opens its panel. */
async function selectStep(page: Page, id: string) {
  await page.getByTestId(`step-node-${id}`).click();
  await expect(
    page.getByRole('region', { name: `Step ${id}`, exact: true }),
  ).toBeVisible();
}

test('a guest builds a three-step workflow in the graph, saves two versions and compares them', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Workflows', exact: true }).click();
  await expect(page).toHaveURL(/\/workflows$/);

  // A new workflow: name it, then add three components from the palette.
  await page.getByRole('link', { name: 'New workflow' }).click();
  await expect(page).toHaveURL(/\/workflows\/new$/);
  await expect(
    page.getByRole('heading', { name: 'New workflow' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page
    .getByRole('textbox', { name: 'Title', exact: true })
    .fill(`E2E triage ${stamp}`);

  const palette = page.getByRole('region', { name: 'Palette' });
  await palette
    .getByRole('button', { name: 'Add ticket-classifier-prompt' })
    .click();
  await expect(page.getByTestId(`step-node-${PROMPT}`)).toBeVisible();
  // The palette's own list (after the suggested next steps of the selection).
  await palette
    .getByRole('button', { name: 'Add gpt-4o-mini-chat' })
    .last()
    .click();
  await expect(page.getByTestId(`step-node-${CHAT}`)).toBeVisible();
  // The palette's own list (after the suggested next steps of the selection).
  await palette
    .getByRole('button', { name: 'Add label-exact-match' })
    .last()
    .click();
  await expect(page.getByTestId(`step-node-${MATCH}`)).toBeVisible();

  // Connect them in a chain by dragging between the handles.
  await settled(page, MATCH);
  await connect(page, PROMPT, CHAT);
  await connect(page, CHAT, MATCH);

  // Map the inputs each component requires (listed from its input schema).
  await selectStep(page, PROMPT);
  await page
    .getByRole('textbox', { name: 'Value of text' })
    .fill('${{ input.text }}');
  await selectStep(page, CHAT);
  await page
    .getByRole('textbox', { name: 'Value of messages' })
    .fill(`\${{ steps.${PROMPT}.output.messages }}`);
  await selectStep(page, MATCH);
  await page
    .getByRole('textbox', { name: 'Value of actual' })
    .fill(`\${{ steps.${CHAT}.output.content }}`);
  await page
    .getByRole('textbox', { name: 'Value of expected' })
    .fill('${{ input.expectedLabel }}');

  // The YAML view shows the same document: three steps and their needs.
  await page.getByRole('tab', { name: 'YAML' }).click();
  const yaml = page.getByRole('textbox', { name: 'Workflow YAML' });
  await expect(yaml).toHaveValue(new RegExp(`- id: ${PROMPT}\\n`));
  await expect(yaml).toHaveValue(
    new RegExp(`- id: ${CHAT}\\n[\\s\\S]*?needs:\\n\\s+- ${PROMPT}\\n`),
  );
  await expect(yaml).toHaveValue(
    new RegExp(`- id: ${MATCH}\\n[\\s\\S]*?needs:\\n\\s+- ${CHAT}\\n`),
  );
  await expect(yaml).toHaveValue(
    /component: aicomponent:default\/label-exact-match/,
  );
  await expect(page.getByTestId('validation-summary')).toHaveText(
    /^(No issues|0 errors)/,
  );

  // Save: version 1, then the workflow's own page.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/default/${name}$`));
  await expect(page.getByTestId('save-status')).toHaveText('Created version 1');

  // Back in the graph: give the chat step a timeout and save version 2.
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await selectStep(page, CHAT);
  await page.getByRole('textbox', { name: 'Timeout', exact: true }).fill('30s');
  await page
    .getByRole('textbox', { name: 'Change message' })
    .fill('Chat timeout');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved version 2');

  // Compare the two versions: the diff names the changed field.
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByText('Chat timeout')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Compare version 1' }).check();
  await page.getByRole('checkbox', { name: 'Compare version 2' }).check();
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByText('Version 1 → version 2')).toBeVisible();
  const changes = diff.getByRole('table', { name: `Changes of step ${CHAT}` });
  const row = changes.getByRole('row').filter({ hasText: 'timeout' });
  await expect(row).toContainText('added');
  await expect(row).toContainText('"30s"');
});

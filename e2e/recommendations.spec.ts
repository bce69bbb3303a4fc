import { expect, Page, test } from '@playwright/test';

/**
 * Reloads until `check` passes: the example components and workflows reach
 * the recommendations index on its first sync after the catalog has ingested
 * them, within `recommendations.refreshIntervalSeconds` (60 in
 * app-config.yaml) of the backend's start.
 */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 150_000, intervals: [2_000, 5_000] });
}

test('a guest sees similar components with their reasons and searches the marketplace by meaning', async ({
  page,
}) => {
  // Room for the index's first sync (see eventually).
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'AI Components', exact: true }).click();
  await expect(page).toHaveURL(/\/ai-components$/);

  // Open an example component (examples/ai-components.yaml).
  await page.getByRole('searchbox', { name: 'Search' }).fill('support agent');
  await page.getByRole('link', { name: 'Support agent' }).click();
  await expect(page).toHaveURL(/\/ai-components\/default\/support-agent$/);
  await expect(
    page.getByRole('heading', { name: 'Support agent', exact: true }),
  ).toBeVisible();

  // Similar components, each with why it was recommended.
  const similar = page.getByRole('list', { name: 'Similar components' });
  await eventually(page, async () => {
    await expect(similar).toBeVisible({ timeout: 5_000 });
  });
  const first = similar.getByRole('listitem').first();
  const firstTitle = (await first.getByRole('link').textContent())?.trim();
  expect(firstTitle).toBeTruthy();
  const reasons = similar.getByRole('list', { name: `Why ${firstTitle}` });
  await expect(reasons.getByRole('listitem').first()).toHaveText(/\S/);

  // Only components of the same type: Support agent is the only agent.
  await page.getByRole('button', { name: 'Same type' }).click();
  await expect(
    page.getByText('No similar components match these filters.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Same type' }).click();

  // A recommendation leads to its component's page.
  await similar.getByRole('link', { name: firstTitle! }).click();
  await expect(
    page.getByRole('heading', { name: firstTitle!, exact: true }),
  ).toBeVisible();
  await expect(page).not.toHaveURL(/support-agent$/);

  // Semantic search on the marketplace: components and workflows by meaning.
  await page.getByRole('link', { name: '← Marketplace' }).click();
  await expect(page).toHaveURL(/\/ai-components$/);
  await page.getByRole('button', { name: 'Semantic' }).click();
  await page
    .getByRole('searchbox', { name: 'Search' })
    .fill('triage support tickets into labels');
  const results = page.getByRole('list', { name: 'Semantic search results' });
  await expect(
    results.getByRole('link', { name: 'Ticket classifier prompt' }),
  ).toHaveAttribute('href', '/ai-components/default/ticket-classifier-prompt');
  await expect(
    results
      .getByRole('list', { name: 'Why Ticket classifier prompt' })
      .getByRole('listitem')
      .first(),
  ).toHaveText(/\S/);
  const workflow = results.getByRole('link', { name: 'Support ticket triage' });
  await expect(workflow).toHaveAttribute(
    'href',
    '/workflows/default/support-triage',
  );
  await expect(
    results
      .getByRole('list', { name: 'Why Support ticket triage' })
      .getByRole('listitem')
      .first(),
  ).toHaveText(/\S/);

  // Keyword mode still filters the registry as before.
  await page.getByRole('button', { name: 'Keyword' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('classifier');
  await expect(page.getByText('1 AI component match')).toBeVisible();
  await workflow.waitFor({ state: 'detached' });

  // The workflow result opens the workflow.
  await page.getByRole('button', { name: 'Semantic' }).click();
  await page
    .getByRole('searchbox', { name: 'Search' })
    .fill('triage support tickets into labels');
  await workflow.click();
  await expect(page).toHaveURL(/\/workflows\/default\/support-triage$/);
});

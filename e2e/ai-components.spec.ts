import { expect, test } from '@playwright/test';

// A name of its own for every run, so reruns against one backend never clash.
const stamp = Date.now().toString(36);
const name = `e2e-uppercaser-${stamp}`;
const title = `E2E uppercaser ${stamp}`;

const inputSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
};
const outputSchema = {
  type: 'object',
  properties: { text: { type: 'string' } },
};

test('a guest registers a JSONata component, finds it in the marketplace and tries it', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'AI Components', exact: true }).click();
  await expect(page).toHaveURL(/\/ai-components$/);

  // Register it through the form.
  await page.getByRole('link', { name: 'Register component' }).click();
  await expect(page).toHaveURL(/\/ai-components\/new$/);
  await expect(
    page.getByRole('heading', { name: 'Register an AI component' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Shouts the text back, registered by the browser test');
  await page.getByRole('combobox', { name: /^Type/ }).selectOption('tool');
  await page
    .getByRole('textbox', { name: /^Owner/ })
    .fill('group:default/team-a');
  await page.getByRole('textbox', { name: 'Tags' }).fill('e2e, text');
  await page.getByRole('textbox', { name: 'Version label' }).fill('1.0.0');
  await page
    .getByRole('combobox', { name: /^Runtime type/ })
    .selectOption('jsonata');
  await page
    .getByRole('textbox', { name: 'Runtime config' })
    .fill(JSON.stringify({ expression: '{"text": $uppercase(text)}' }));
  await page
    .getByRole('textbox', { name: /^Input schema/ })
    .fill(JSON.stringify(inputSchema));
  await page
    .getByRole('textbox', { name: /^Output schema/ })
    .fill(JSON.stringify(outputSchema));
  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page).toHaveURL(new RegExp(`/ai-components/default/${name}$`));
  await expect(
    page.getByRole('heading', { name: title, exact: true }),
  ).toBeVisible();

  // Find it by search on the marketplace and open it.
  await page.getByRole('link', { name: '← Marketplace' }).click();
  await expect(page).toHaveURL(/\/ai-components$/);
  await page.getByRole('searchbox', { name: 'Search' }).fill(stamp);
  await expect(page.getByText('1 AI component match')).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(
    page.getByRole('heading', { name: title, exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Input schema properties' }),
  ).toContainText('text');

  // Try it.
  await page
    .getByRole('textbox', { name: 'Input' })
    .fill(JSON.stringify({ text: 'hello' }));
  await page.getByRole('button', { name: 'Run' }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByLabel('Output')).toContainText('"HELLO"');
  await expect(result.getByText('Latency')).toBeVisible();
  await expect(result.getByText(/^\d+ ms$/)).toBeVisible();

  // Leave the catalog as the other browser tests expect it.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: `Delete ${title}?` })
    .getByRole('button', { name: 'Delete component' })
    .click();
  await expect(page).toHaveURL(/\/ai-components$/);
  await page.getByRole('searchbox', { name: 'Search' }).fill(stamp);
  await expect(page.getByText('No AI components match')).toBeVisible();
});

test('a guest stores an API key as a secret, never sees it again, and deletes it', async ({
  page,
}) => {
  const secret = `e2e-key-${stamp}`;
  const value = `sk-e2e-${stamp}-do-not-show`;
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'AI Components', exact: true }).click();
  await page.getByRole('link', { name: 'Secrets' }).click();
  await expect(page).toHaveURL(/\/ai-components\/secrets$/);

  await page.getByRole('button', { name: 'Add secret' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add secret' });
  await dialog.getByLabel(/^Name/).fill(secret);
  await dialog.getByLabel(/^Value/).fill(value);
  // Owned by one of the guest's ownership refs (a group first): only that
  // owner's components may use it.
  const owner = dialog.getByRole('combobox', { name: /^Owner/ });
  await expect(owner).toHaveText(/^(group|user):default\/\S+$/);
  const ownerName = (await owner.textContent())!.split('/').pop()!;
  await dialog.getByRole('button', { name: 'Save secret' }).click();
  await expect(page.getByText(`Saved secret ${secret}.`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: secret });
  await expect(row).toBeVisible();
  await expect(row).toContainText(ownerName);
  // Write-only: the value is not on the page, even after a reload.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByText(value)).toHaveCount(0);

  await row.getByRole('button', { name: `Delete ${secret}` }).click();
  await page
    .getByRole('dialog', { name: `Delete secret ${secret}?` })
    .getByRole('button', { name: 'Delete secret' })
    .click();
  await expect(page.getByText(`Deleted secret ${secret}.`)).toBeVisible();
  await expect(row).toHaveCount(0);
});

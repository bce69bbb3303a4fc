import { expect, test } from '@playwright/test';

const capabilities = [
  { link: 'AI Components', path: '/ai-components', heading: 'AI Components' },
  { link: 'Workflows', path: '/workflows', heading: 'Workflows' },
  { link: 'Executions', path: '/executions', heading: 'Executions' },
  {
    link: 'Recommendations',
    path: '/recommendations',
    heading: 'Recommendations',
  },
];

// Titles of the six example components (examples/ai-components.yaml).
const exampleComponents = [
  'GPT-4o mini (chat)',
  'Ticket classifier prompt',
  'Knowledge-base search',
  'Support agent',
  'Labelled support tickets',
  'Label exact match',
];

test('a guest signs in, opens the four capabilities and finds the AI components in the catalog', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Welcome to the AI Ops Console' }),
  ).toBeVisible();

  for (const { link, path, heading } of capabilities) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(
      page.getByRole('heading', { name: heading, level: 1 }),
    ).toBeVisible();
  }
  await expect(page.getByText('Recommendations backend: ok')).toBeVisible();

  // The marketplace lists the examples mirrored from catalog-info.yaml (the
  // other journeys share this server and may have registered more).
  await nav.getByRole('link', { name: 'AI Components', exact: true }).click();
  const marketplace = page.getByRole('table', { name: 'AI components' });
  for (const name of exampleComponents) {
    await expect(marketplace.getByText(name, { exact: true })).toBeVisible();
  }
  await expect(
    page.getByText(/^\d+ AI components in the catalog$/),
  ).toBeVisible();

  // "All", not the catalog's default "Owned": once another journey's
  // component (owned by the guest) reaches the catalog, "Owned" shows only it.
  await page.goto(
    '/catalog?filters%5Bkind%5D=aicomponent&filters%5Buser%5D=all',
  );
  for (const name of exampleComponents) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test('the guest, an admin locally, manages roles on the RBAC page', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Administration' }).click();
  await expect(page).toHaveURL(/\/rbac$/);
  await expect(page.getByText('role:default/author')).toBeVisible();
  await expect(page.getByText('role:default/viewer')).toBeVisible();
});

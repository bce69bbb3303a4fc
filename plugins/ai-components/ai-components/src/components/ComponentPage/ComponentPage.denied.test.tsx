import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  componentMetricsFixture,
  EXECUTIONS_URL,
  RECOMMENDATIONS_URL,
  renderPage,
  TEST_BASE_URL,
  versionsFixture,
} from '../../__testUtils__';
import { ComponentPage } from './ComponentPage';

const componentUrl = `${TEST_BASE_URL}/components/default/uppercaser`;

// In a file of its own: usePermission caches decisions for the whole file.
describe('ComponentPage without update, delete and invoke permissions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('offers neither Edit, Delete nor Try it', async () => {
    server.use(
      http.get(componentUrl, () => HttpResponse.json(componentFixture())),
      http.get(`${componentUrl}/versions`, () =>
        HttpResponse.json({ items: versionsFixture() }),
      ),
      http.get(`${TEST_BASE_URL}/runtimes`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get('http://localhost:7007/api/workflows/usage', () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${EXECUTIONS_URL}/metrics/components/default/uppercaser`, () =>
        HttpResponse.json(componentMetricsFixture()),
      ),
      http.get(
        `${RECOMMENDATIONS_URL}/components/default/uppercaser/similar`,
        () =>
          HttpResponse.json({
            ref: 'aicomponent:default/uppercaser',
            items: [],
          }),
      ),
    );
    await renderPage(
      <ComponentPage
        componentKey={{ namespace: 'default', name: 'uppercaser' }}
      />,
      {
        path: '/ai-components/default/uppercaser',
        deny: [
          'ai-components.component.update',
          'ai-components.component.delete',
          'ai-components.component.invoke',
        ],
      },
    );
    expect(
      await screen.findByText('You may not run this component.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Edit' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete' }),
    ).not.toBeInTheDocument();
  });
});

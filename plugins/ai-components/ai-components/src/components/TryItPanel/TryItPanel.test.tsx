import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  componentFixture,
  renderPage,
  TEST_BASE_URL,
  versionsFixture,
} from '../../__testUtils__';
import { TryItPanel } from './TryItPanel';

describe('TryItPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('runs the latest revision with the prefilled input and says when no price is known', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${TEST_BASE_URL}/components/default/uppercaser/invoke`,
        async ({ request }) => {
          bodies.push(await request.json());
          return HttpResponse.json({
            revision: 2,
            output: { text: '' },
            usage: { inputTokens: 3, outputTokens: 4 },
            costUsd: 0,
            priced: false,
            latencyMs: 1.2,
          });
        },
      ),
    );
    const user = userEvent.setup();
    await renderPage(
      <TryItPanel
        component={componentFixture()}
        versions={versionsFixture()}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(
      await screen.findByText('unknown (no price for the model)'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 ms')).toBeInTheDocument();
    expect(bodies).toEqual([{ input: { text: '' }, revision: 2 }]);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  errorBody,
  renderPage,
  summaryFixture,
  TEST_BASE_URL,
} from '../../__testUtils__';
import { DeleteComponentButton } from './DeleteComponentButton';

describe('DeleteComponentButton', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('asks for confirmation and shows why the server refused', async () => {
    server.use(
      http.delete(`${TEST_BASE_URL}/components/default/uppercaser`, () =>
        HttpResponse.json(errorBody(409, 'ConflictError', 'managed in Git'), {
          status: 409,
        }),
      ),
    );
    const onDeleted = jest.fn();
    const user = userEvent.setup();
    await renderPage(
      <DeleteComponentButton
        component={summaryFixture()}
        onDeleted={onDeleted}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Uppercaser?' });
    expect(dialog).toHaveTextContent('all its 2 versions');
    await user.click(
      within(dialog).getByRole('button', { name: 'Delete component' }),
    );
    expect(
      await within(dialog).findByText('managed in Git'),
    ).toBeInTheDocument();
    expect(onDeleted).not.toHaveBeenCalled();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PanelBoundary } from './PanelBoundary';

describe('PanelBoundary', () => {
  it('keeps a failing panel to itself and renders it again on request', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    let fail = true;
    const Flaky = () => {
      if (fail) throw new Error('bad step data');
      return <p>timeline rows</p>;
    };
    render(
      <>
        <PanelBoundary title="The timeline">
          <Flaky />
        </PanelBoundary>
        <PanelBoundary title="The graph">
          <p>graph nodes</p>
        </PanelBoundary>
      </>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The timeline failedbad step data',
    );
    expect(screen.getByText('graph nodes')).toBeInTheDocument();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('timeline rows')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    error.mockRestore();
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { facetsFixture } from '../../__testUtils__';
import { FacetFilters } from './FacetFilters';

describe('FacetFilters', () => {
  it('lists values with counts and reports the new selection', async () => {
    const onChange = jest.fn();
    const user = userEvent.setup();
    await renderInTestApp(
      <FacetFilters
        facets={facetsFixture()}
        selected={{ type: ['tool'], owner: [], tag: ['gone'], lifecycle: [] }}
        onChange={onChange}
      />,
    );
    expect(screen.getByRole('group', { name: 'Type' })).toBeInTheDocument();
    expect(screen.getByLabelText('Type tool')).toBeChecked();
    expect(screen.getByText('model (2)')).toBeInTheDocument();
    // A selected value no component has any more stays visible.
    expect(screen.getByText('gone (0)')).toBeInTheDocument();

    await user.click(screen.getByLabelText('Type model'));
    expect(onChange).toHaveBeenLastCalledWith({
      type: ['tool', 'model'],
      owner: [],
      tag: ['gone'],
      lifecycle: [],
    });
    await user.click(screen.getByLabelText('Type tool'));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: [] }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith({
      type: [],
      owner: [],
      tag: [],
      lifecycle: [],
    });
  });
});

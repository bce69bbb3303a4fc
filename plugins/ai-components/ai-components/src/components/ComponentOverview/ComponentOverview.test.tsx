import { screen } from '@testing-library/react';
import { componentFixture, renderPage } from '../../__testUtils__';
import { ComponentOverview } from './ComponentOverview';

describe('ComponentOverview', () => {
  it('shows the facts with the owner as an entity link', async () => {
    await renderPage(
      <ComponentOverview component={componentFixture({ tags: [] })} />,
    );
    expect(screen.getByText('Shouts the text back')).toBeInTheDocument();
    expect(screen.getByText('default/uppercaser')).toBeInTheDocument();
    expect(screen.getByText('1.1.0 (revision 2)')).toBeInTheDocument();
    expect(screen.getByText('Managed in this console')).toBeInTheDocument();
    expect(screen.getByText(/by user:default\/bob/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /team-a/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
  });
});

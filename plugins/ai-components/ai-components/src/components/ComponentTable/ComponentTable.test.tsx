import { screen, within } from '@testing-library/react';
import { renderPage, summaryFixture } from '../../__testUtils__';
import { ComponentTable } from './ComponentTable';

describe('ComponentTable', () => {
  it('shows each component with its facts and where it is managed', async () => {
    await renderPage(
      <ComponentTable
        label="AI components"
        items={[
          summaryFixture(),
          summaryFixture({
            name: 'from-git',
            title: undefined,
            readOnly: true,
            source: 'catalog',
            sourceLocation: 'file:/repo/catalog-info.yaml',
          }),
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'AI components' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(
      within(first).getByRole('link', { name: 'Uppercaser' }),
    ).toHaveAttribute('href', '/ai-components/default/uppercaser');
    for (const text of [
      'tool',
      'experimental',
      'text',
      'demo',
      '1.1.0',
      'Console',
    ]) {
      expect(within(first).getByText(text)).toBeInTheDocument();
    }
    expect(
      within(second).getByRole('link', { name: 'from-git' }),
    ).toBeInTheDocument();
    expect(within(second).getByText('Managed in Git')).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { versionsFixture } from '../../__testUtils__';
import { VersionsPanel } from './VersionsPanel';

describe('VersionsPanel', () => {
  it('lists versions and diffs the chosen two', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<VersionsPanel versions={versionsFixture()} />);
    const versions = screen.getByRole('table', { name: 'Versions' });
    expect(within(versions).getByText('Shout louder')).toBeInTheDocument();

    // From the newest to the oldest: what was added is now removed.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'From' }),
      'r2 (1.1.0)',
    );
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'To' }),
      'r1 (1.0.0)',
    );
    const diff = screen.getByRole('table', {
      name: 'Changes between the versions',
    });
    const row = within(diff)
      .getByText('runtime.config.secretRef')
      .closest('tr')!;
    expect(within(row).getByText('removed')).toBeInTheDocument();
    expect(
      within(row).getByText('"secret: openai-api-key"'),
    ).toBeInTheDocument();
  });

  it('has nothing to compare with one version', async () => {
    await renderInTestApp(
      <VersionsPanel versions={versionsFixture().slice(1)} />,
    );
    expect(screen.getByText(/There is one version so far/)).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });
});

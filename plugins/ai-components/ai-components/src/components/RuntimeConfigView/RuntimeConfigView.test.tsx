import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { RuntimeConfigView } from './RuntimeConfigView';

describe('RuntimeConfigView', () => {
  it('shows secret references and masks secret-looking values', async () => {
    await renderInTestApp(
      <RuntimeConfigView
        runtime={{
          type: 'openai-chat',
          config: {
            model: 'gpt-4o-mini',
            secretRef: 'openai-api-key',
            apiKey: 'sk-abc',
            headers: { 'x-token': 't0k' },
          },
        }}
        runtimeInfo={{
          title: 'OpenAI chat',
          description: 'Calls a chat model.',
        }}
      />,
    );
    const table = screen.getByRole('table', { name: 'Runtime config' });
    expect(within(table).getByText('gpt-4o-mini')).toBeInTheDocument();
    expect(
      within(table).getByText('secret: openai-api-key'),
    ).toBeInTheDocument();
    expect(within(table).getByText('••••••••')).toBeInTheDocument();
    expect(
      within(table).getByText(/"x-token": "••••••••"/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/sk-abc|t0k/)).not.toBeInTheDocument();
    expect(screen.getByText('OpenAI chat (openai-chat)')).toBeInTheDocument();
  });
});

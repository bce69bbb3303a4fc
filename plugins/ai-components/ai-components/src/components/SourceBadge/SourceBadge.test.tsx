import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SourceBadge, sourceHref } from './SourceBadge';

describe('sourceHref', () => {
  it('opens only web locations', () => {
    expect(sourceHref('url:https://github.com/a/b/blob/main/c.yaml')).toBe(
      'https://github.com/a/b/blob/main/c.yaml',
    );
    expect(sourceHref('file:/repo/catalog-info.yaml')).toBeUndefined();
    expect(sourceHref(undefined)).toBeUndefined();
  });
});

describe('SourceBadge', () => {
  it('links Managed in Git to the file and shows the location', async () => {
    await renderInTestApp(
      <SourceBadge
        component={{
          readOnly: true,
          sourceLocation: 'url:https://git.example/c.yaml',
        }}
        showLocation
      />,
    );
    expect(
      screen.getByRole('link', { name: 'Managed in Git' }),
    ).toHaveAttribute('href', 'https://git.example/c.yaml');
    expect(
      screen.getByRole('link', { name: 'url:https://git.example/c.yaml' }),
    ).toBeInTheDocument();
  });

  it('shows nothing for console components', async () => {
    await renderInTestApp(
      <div data-testid="wrapper">
        <SourceBadge component={{ readOnly: false }} />
      </div>,
    );
    expect(screen.getByTestId('wrapper')).toBeEmptyDOMElement();
  });
});

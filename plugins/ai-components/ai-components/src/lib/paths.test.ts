import { matchView } from './paths';

describe('matchView', () => {
  it.each([
    ['/ai-components', { view: 'marketplace' }],
    ['/ai-components/', { view: 'marketplace' }],
    ['/ai-components/new', { view: 'create' }],
    ['/ai-components/secrets', { view: 'secrets' }],
    [
      '/ai-components/default/my-tool',
      { view: 'component', key: { namespace: 'default', name: 'my-tool' } },
    ],
    [
      '/ai-components/team/my.tool/edit',
      { view: 'edit', key: { namespace: 'team', name: 'my.tool' } },
    ],
    ['/ai-components/a/b/c', { view: 'notFound' }],
    ['/elsewhere', { view: 'notFound' }],
  ])('matches %s', (pathname, expected) => {
    expect(matchView(pathname, '/ai-components')).toEqual(expected);
  });
});

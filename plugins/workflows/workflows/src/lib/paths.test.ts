import { matchView } from './paths';

describe('matchView', () => {
  it('routes the paths below the page', () => {
    expect(matchView('/workflows', '/workflows')).toEqual({ view: 'list' });
    expect(matchView('/workflows/', '/workflows/')).toEqual({ view: 'list' });
    expect(matchView('/workflows/new', '/workflows')).toEqual({ view: 'new' });
    expect(matchView('/workflows/default/a%2Fb', '/workflows')).toEqual({
      view: 'workflow',
      key: { namespace: 'default', name: 'a/b' },
    });
    expect(matchView('/workflows/a/b/c', '/workflows')).toEqual({
      view: 'notFound',
    });
    expect(matchView('/other', '/workflows')).toEqual({ view: 'notFound' });
    expect(matchView('/workflows/%E0%A4%A', '/workflows')).toEqual({
      view: 'notFound',
    });
  });
});

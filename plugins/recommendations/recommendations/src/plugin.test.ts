import { recommendationsPlugin } from './plugin';

describe('recommendations plugin', () => {
  it('is the recommendations plugin', () => {
    expect(recommendationsPlugin.pluginId).toBe('recommendations');
  });
});

import { aiComponentsPlugin } from './plugin';

describe('ai-components plugin', () => {
  it('is the ai-components plugin', () => {
    expect(aiComponentsPlugin.pluginId).toBe('ai-components');
  });
});

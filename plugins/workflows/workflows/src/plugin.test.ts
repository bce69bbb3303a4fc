import { workflowsPlugin } from './plugin';

describe('workflows plugin', () => {
  it('is the workflows plugin', () => {
    expect(workflowsPlugin.pluginId).toBe('workflows');
  });
});

import { executionsPlugin } from './plugin';

describe('executions plugin', () => {
  it('is the executions plugin', () => {
    expect(executionsPlugin.pluginId).toBe('executions');
  });
});

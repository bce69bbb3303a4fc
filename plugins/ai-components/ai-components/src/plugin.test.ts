import { aiComponentsPlugin } from './plugin';
import { componentMetricsRouteRef } from './routes';

describe('ai-components plugin', () => {
  it('is the ai-components plugin', () => {
    expect(aiComponentsPlugin.pluginId).toBe('ai-components');
  });

  it("links to a component's metrics through an external route", () => {
    expect(aiComponentsPlugin.externalRoutes.componentMetrics).toBe(
      componentMetricsRouteRef,
    );
  });

  it('provides the client the usage card reads the executions API with', () => {
    expect(
      aiComponentsPlugin.getExtension('api:ai-components/component-usage'),
    ).toBeDefined();
  });
});

import {
  ComponentRuntime,
  componentRuntimesExtensionPoint,
} from '@ai-ops/plugin-ai-components-node';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import anthropicModule from './index';

describe('aiComponentsModuleAnthropic', () => {
  it('adds the anthropic-messages runtime through the extension point', async () => {
    const added: ComponentRuntime[] = [];
    const recordingPlugin = createBackendPlugin({
      pluginId: 'ai-components',
      register(env) {
        env.registerExtensionPoint(componentRuntimesExtensionPoint, {
          addRuntime(...runtimes) {
            added.push(...runtimes);
          },
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const backend = await startTestBackend({
      features: [recordingPlugin, anthropicModule],
    });
    expect(added.map(r => r.type)).toEqual(['anthropic-messages']);
    await backend.stop();
  });
});

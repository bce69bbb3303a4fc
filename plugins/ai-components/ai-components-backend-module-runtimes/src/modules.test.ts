import {
  ComponentRuntime,
  componentRuntimesExtensionPoint,
} from '@ai-ops/plugin-ai-components-node';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import builtInRuntimes, { aiComponentsModuleRuntimeJsonata } from './index';
import { createBuiltInRuntimes } from './builtIn';

/** Stands in for the ai-components plugin: records what modules add. */
function createRecordingPlugin(added: ComponentRuntime[]) {
  return createBackendPlugin({
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
}

describe('runtime modules', () => {
  it('the default export adds all eight runtimes through the extension point', async () => {
    const added: ComponentRuntime[] = [];
    const backend = await startTestBackend({
      features: [createRecordingPlugin(added), builtInRuntimes],
    });
    expect(added.map(r => r.type).sort()).toEqual([
      'evaluator',
      'http',
      'jsonata',
      'mcp-tool',
      'openai-agent',
      'openai-chat',
      'openai-embeddings',
      'prompt-template',
    ]);
    // What the worker installs (createBuiltInRuntimes) is the same set.
    expect(
      createBuiltInRuntimes()
        .map(r => r.type)
        .sort(),
    ).toEqual(added.map(r => r.type).sort());
    for (const runtime of added) {
      expect(runtime.title).toBeTruthy();
      expect(runtime.description).toBeTruthy();
      expect(runtime.configSchema).toMatchObject({ type: 'object' });
    }
    await backend.stop();
  });

  it('each runtime is also a module of its own', async () => {
    const added: ComponentRuntime[] = [];
    const backend = await startTestBackend({
      features: [
        createRecordingPlugin(added),
        aiComponentsModuleRuntimeJsonata,
      ],
    });
    expect(added.map(r => r.type)).toEqual(['jsonata']);
    await backend.stop();
  });
});

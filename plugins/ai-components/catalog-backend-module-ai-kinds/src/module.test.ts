import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleAiKinds } from './module';
import { AiOpsEntitiesProcessor } from './processor/AiOpsEntitiesProcessor';
import { AiComponentsEntityProvider } from './provider/AiComponentsEntityProvider';
import { AiWorkflowsEntityProvider } from './provider/AiWorkflowsEntityProvider';

describe('catalogModuleAiKinds', () => {
  it('adds the kinds processor and the providers of console components and workflows', async () => {
    const addProcessor = jest.fn();
    const addEntityProvider = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          { addProcessor, addEntityProvider } as any,
        ],
      ],
      features: [catalogModuleAiKinds],
    });
    expect(addProcessor).toHaveBeenCalledWith(
      expect.any(AiOpsEntitiesProcessor),
    );
    const providers = addEntityProvider.mock.calls.flat(2);
    expect(providers).toEqual([
      expect.any(AiComponentsEntityProvider),
      expect.any(AiWorkflowsEntityProvider),
    ]);
  });
});

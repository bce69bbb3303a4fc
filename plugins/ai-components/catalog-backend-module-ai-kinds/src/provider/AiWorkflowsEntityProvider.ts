import {
  ConsoleEntityProvider,
  ConsoleEntityProviderDeps,
} from './ConsoleEntityProvider';

/** The location key and `managed-by-location` of provided entities. */
export const WORKFLOWS_CONSOLE_LOCATION = 'workflows:console';

/**
 * Provides the workflows created in the console (through the workflows API or
 * UI) to the catalog as `AIWorkflow` entities, where the kinds processor
 * validates them and relates them to their owner, components and
 * sub-workflows.
 *
 * @public
 */
export class AiWorkflowsEntityProvider extends ConsoleEntityProvider {
  constructor(options: ConsoleEntityProviderDeps) {
    super(
      {
        pluginId: 'workflows',
        providerName: 'workflows-console',
        locationKey: WORKFLOWS_CONSOLE_LOCATION,
        description: 'AI workflows',
      },
      options,
    );
  }
}

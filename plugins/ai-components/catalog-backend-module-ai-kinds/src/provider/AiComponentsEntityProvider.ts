import {
  ConsoleEntityProvider,
  ConsoleEntityProviderDeps,
} from './ConsoleEntityProvider';

/** The location key and `managed-by-location` of provided entities. */
export const CONSOLE_LOCATION = 'ai-components:console';

/**
 * Provides the AI components created in the console (through the
 * ai-components API or UI) to the catalog as `AIComponent` entities, where the
 * kinds processor validates them and derives owner and dependency relations.
 *
 * @public
 */
export class AiComponentsEntityProvider extends ConsoleEntityProvider {
  constructor(options: ConsoleEntityProviderDeps) {
    super(
      {
        pluginId: 'ai-components',
        providerName: 'ai-components-console',
        locationKey: CONSOLE_LOCATION,
        description: 'AI components',
      },
      options,
    );
  }
}

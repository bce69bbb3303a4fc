import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to the AI Ops Console

Run AI in production from the portal you already use.

- **[AI Components](/ai-components)**: the registry of models, prompts, tools,
  agents, datasets and evaluators, owned by teams.
- **[Workflows](/workflows)**: versioned graphs of components.
- **[Executions](/executions)**: durable runs, their cost and approvals.
- **[Recommendations](/recommendations)**: similar components and next steps.
- **[Catalog](/catalog)**: everything, with owners and relations.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'AI Ops Console',
    description: 'What the console offers and where to find it',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});

import { Entity } from '@backstage/catalog-model';
import { AiOpsEntitiesProcessor } from './AiOpsEntitiesProcessor';

const location = {
  type: 'url',
  target: 'https://example.test/catalog-info.yaml',
};

const component: Entity = {
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIComponent',
  metadata: { name: 'gpt-4o-chat' },
  spec: {
    type: 'model',
    owner: 'group:default/team-a',
    lifecycle: 'production',
    version: '1.0.0',
    system: 'assistants',
    runtime: { type: 'openai-chat', config: { model: 'gpt-4o' } },
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object' },
    dependsOn: ['aicomponent:default/openai-key'],
  },
};

const workflow: Entity = {
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name: 'triage' },
  spec: {
    owner: 'team-b',
    lifecycle: 'experimental',
    input: { type: 'object' },
    steps: [
      {
        id: 'classify',
        component: 'gpt-4o-chat',
        with: { text: '${{ input.text }}' },
      },
      {
        id: 'score',
        component: 'aicomponent:default/exact-match',
        needs: ['classify'],
        if: '${{ steps.classify.output.label != "spam" }}',
        retry: { maxAttempts: 3, initialInterval: '1s' },
        timeout: '30s',
      },
    ],
    output: { label: '${{ steps.classify.output.label }}' },
  },
};

describe('AiOpsEntitiesProcessor', () => {
  const processor = new AiOpsEntitiesProcessor();

  it('links AI entities to their pages in the console, keeping their own links', async () => {
    const linking = new AiOpsEntitiesProcessor({
      appBaseUrl: 'https://portal.example.test/',
    });
    const own = { url: 'https://docs.example.test/gpt', title: 'Docs' };
    const linked = await linking.preProcessEntity({
      ...component,
      metadata: { ...component.metadata, links: [own] },
    });
    expect(linked.metadata.links).toEqual([
      own,
      expect.objectContaining({
        url: 'https://portal.example.test/ai-components/default/gpt-4o-chat',
        title: 'Open in the AI Ops Console',
      }),
      expect.objectContaining({
        url: 'https://portal.example.test/executions/metrics/components/default/gpt-4o-chat',
      }),
    ]);
    // Processing again adds nothing twice.
    expect((await linking.preProcessEntity(linked)).metadata.links).toEqual(
      linked.metadata.links,
    );
    expect(
      (await linking.preProcessEntity(workflow)).metadata.links?.map(
        l => l.url,
      ),
    ).toEqual([
      'https://portal.example.test/workflows/default/triage',
      'https://portal.example.test/executions?workflow=aiworkflow%3Adefault%2Ftriage',
      'https://portal.example.test/executions/metrics/workflows/default/triage',
    ]);
    const other: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x' },
      spec: {},
    };
    expect(await linking.preProcessEntity(other)).toBe(other);
    // Without the app's URL, nothing is linked.
    expect(await processor.preProcessEntity(component)).toBe(component);
  });

  it('accepts valid AIComponent and AIWorkflow entities', async () => {
    await expect(processor.validateEntityKind(component)).resolves.toBe(true);
    await expect(processor.validateEntityKind(workflow)).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).resolves.toBe(false);
  });

  it('names the field of an invalid component', async () => {
    const bad = {
      ...component,
      spec: { ...component.spec, type: 'robot' },
    };
    await expect(processor.validateEntityKind(bad)).rejects.toThrow(
      /\/spec\/type must be equal to one of the allowed values/,
    );
    const missing = { ...component, spec: { ...component.spec } };
    delete (missing.spec as Record<string, unknown>).inputSchema;
    await expect(processor.validateEntityKind(missing)).rejects.toThrow(
      /inputSchema/,
    );
  });

  it('names the step and field of an invalid workflow', async () => {
    const badRetry = {
      ...workflow,
      spec: {
        ...workflow.spec,
        steps: [{ id: 'a', component: 'x', retry: { maxAttempts: 0 } }],
      },
    };
    await expect(processor.validateEntityKind(badRetry)).rejects.toThrow(
      /\/spec\/steps\/0\/retry\/maxAttempts must be >= 1/,
    );
    const unknownNeed = {
      ...workflow,
      spec: {
        ...workflow.spec,
        steps: [
          { id: 'a', component: 'x' },
          { id: 'a', component: 'y', needs: ['zzz'] },
        ],
      },
    };
    const cycle = {
      ...workflow,
      spec: {
        ...workflow.spec,
        steps: [
          { id: 'a', component: 'x', needs: ['b'] },
          { id: 'b', component: 'y', needs: ['a'] },
        ],
      },
    };
    await expect(processor.validateEntityKind(cycle)).rejects.toThrow(
      /step 'a' needs: the steps form a cycle: a -> b -> a/,
    );
    await expect(processor.validateEntityKind(unknownNeed)).rejects.toThrow(
      "step 'a' id: the id is already used by spec.steps[0]; step 'a' needs[0]: needs unknown step 'zzz'",
    );
    await expect(processor.validateEntityKind(unknownNeed)).rejects.toThrow(
      "output.label: reads unknown step 'classify'",
    );
  });

  it('emits ownership, system and dependency relations', async () => {
    const emit = jest.fn();
    await processor.postProcessEntity(workflow, location, emit);
    const relations = emit.mock.calls.map(
      ([r]) =>
        `${r.relation.source.kind}:${r.relation.source.name} ${r.relation.type} ${r.relation.target.kind}:${r.relation.target.namespace}/${r.relation.target.name}`,
    );
    expect(relations).toEqual([
      'AIWorkflow:triage ownedBy Group:default/team-b',
      'Group:team-b ownerOf AIWorkflow:default/triage',
      'AIWorkflow:triage dependsOn AIComponent:default/gpt-4o-chat',
      'AIComponent:gpt-4o-chat dependencyOf AIWorkflow:default/triage',
      'AIWorkflow:triage dependsOn aicomponent:default/exact-match',
      'aicomponent:exact-match dependencyOf AIWorkflow:default/triage',
    ]);

    emit.mockClear();
    await processor.postProcessEntity(component, location, emit);
    const types = emit.mock.calls.map(([r]) => r.relation.type);
    expect(types).toEqual([
      'ownedBy',
      'ownerOf',
      'partOf',
      'hasPart',
      'dependsOn',
      'dependencyOf',
    ]);
  });
});

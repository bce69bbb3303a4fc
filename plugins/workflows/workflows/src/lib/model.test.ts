import type { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { documentFixture } from '../__testUtils__/fixtures';
import { blankWorkflow, workflowReducer, wouldCreateCycle } from './model';

const withThree = (): WorkflowDocument => {
  const doc = documentFixture();
  doc.spec.steps.push({
    id: 'score',
    component: 'aicomponent:default/label-exact-match',
    needs: ['classify'],
    with: { actual: '${{ steps.classify.output.content }}' },
    onError: { goto: 'prompt' },
  });
  doc.spec.output = { label: '${{ steps.classify.output.content }}' };
  return doc;
};

describe('workflowReducer', () => {
  it('starts a new workflow owned by the user, without steps', () => {
    expect(blankWorkflow('user:default/alice')).toEqual({
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIWorkflow',
      metadata: { name: '', namespace: 'default' },
      spec: {
        owner: 'user:default/alice',
        lifecycle: 'experimental',
        steps: [],
      },
    });
  });

  it('connects two steps once, and never a step to itself', () => {
    const doc = documentFixture();
    const once = workflowReducer(doc, {
      type: 'connect',
      source: 'prompt',
      target: 'classify',
    });
    expect(once).toBe(doc);
    const added = workflowReducer(
      workflowReducer(doc, {
        type: 'disconnect',
        source: 'prompt',
        target: 'classify',
      }),
      { type: 'connect', source: 'prompt', target: 'classify' },
    );
    expect(added.spec.steps[1].needs).toEqual(['prompt']);
    expect(
      workflowReducer(doc, {
        type: 'connect',
        source: 'prompt',
        target: 'prompt',
      }),
    ).toBe(doc);
  });

  it('drops an empty needs list when the last need is disconnected', () => {
    const next = workflowReducer(documentFixture(), {
      type: 'disconnect',
      source: 'prompt',
      target: 'classify',
    });
    expect(next.spec.steps[1]).not.toHaveProperty('needs');
  });

  it('removes a step with every need and goto that names it', () => {
    const next = workflowReducer(withThree(), {
      type: 'removeSteps',
      ids: ['prompt'],
    });
    expect(next.spec.steps.map(s => s.id)).toEqual(['classify', 'score']);
    expect(next.spec.steps[0]).not.toHaveProperty('needs');
    expect(next.spec.steps[1]).not.toHaveProperty('onError');
    expect(next.spec.steps[1].needs).toEqual(['classify']);
  });

  it('renames a step with its needs, gotos and expressions', () => {
    const next = workflowReducer(withThree(), {
      type: 'renameStep',
      from: 'classify',
      to: 'label',
    });
    expect(next.spec.steps[1].id).toBe('label');
    expect(next.spec.steps[2].needs).toEqual(['label']);
    expect(next.spec.steps[2].with).toEqual({
      actual: '${{ steps.label.output.content }}',
    });
    expect(next.spec.output).toEqual({
      label: '${{ steps.label.output.content }}',
    });
    const renamedTarget = workflowReducer(withThree(), {
      type: 'renameStep',
      from: 'prompt',
      to: 'ask',
    });
    expect(renamedTarget.spec.steps[2].onError).toEqual({ goto: 'ask' });
  });

  it('refuses a rename to an id another step has', () => {
    const doc = withThree();
    expect(
      workflowReducer(doc, { type: 'renameStep', from: 'prompt', to: 'score' }),
    ).toBe(doc);
  });

  it('stores moved positions, rounded', () => {
    const next = workflowReducer(documentFixture(), {
      type: 'moveSteps',
      positions: { prompt: { x: 10.4, y: 20.6 } },
    });
    expect(next.spec.steps[0].position).toEqual({ x: 10, y: 21 });
    expect(next.spec.steps[1]).not.toHaveProperty('position');
  });

  it('sets and clears metadata and spec fields', () => {
    let doc = workflowReducer(documentFixture(), {
      type: 'setMetadata',
      patch: { title: '', description: 'Triage' },
    });
    expect(doc.metadata).not.toHaveProperty('title');
    expect(doc.metadata.description).toBe('Triage');
    doc = workflowReducer(doc, {
      type: 'setSpec',
      patch: { budget: { maxCostUsd: 2 } },
    });
    expect(doc.spec.budget).toEqual({ maxCostUsd: 2 });
    expect(doc.spec.steps).toHaveLength(2);
  });

  it('adds, updates and replaces', () => {
    let doc = workflowReducer(documentFixture(), {
      type: 'addStep',
      step: { id: 'ok', approval: { timeout: '1d' } },
    });
    doc = workflowReducer(doc, {
      type: 'updateStep',
      id: 'ok',
      step: { id: 'ok', approval: { timeout: '2h' } },
    });
    expect(doc.spec.steps[2]).toEqual({
      id: 'ok',
      approval: { timeout: '2h' },
    });
    const other = blankWorkflow('user:default/bob');
    expect(workflowReducer(doc, { type: 'replace', document: other })).toBe(
      other,
    );
  });
});

describe('wouldCreateCycle', () => {
  it('finds connections that close a cycle through needs', () => {
    const doc = withThree();
    expect(wouldCreateCycle(doc, 'score', 'prompt')).toBe(true);
    expect(wouldCreateCycle(doc, 'classify', 'prompt')).toBe(true);
    expect(wouldCreateCycle(doc, 'prompt', 'score')).toBe(false);
    expect(wouldCreateCycle(doc, 'prompt', 'prompt')).toBe(true);
  });
});

import { documentFixture } from '../__testUtils__/fixtures';
import {
  buildEdges,
  buildNodes,
  kindOfStep,
  needsEdgeId,
  shortRef,
} from './flow';
import { layoutSteps } from './layout';

describe('flow', () => {
  it('makes a node per step with its kind, target and issues', () => {
    const doc = documentFixture();
    doc.spec.steps.push(
      { id: 'ok', approval: { timeout: '1d' } },
      { id: 'sub', workflow: 'aiworkflow:default/other@production' },
      { id: 'prompt', component: 'duplicate' },
    );
    const nodes = buildNodes({
      steps: doc.spec.steps,
      positions: layoutSteps(doc.spec.steps),
      issues: new Map([
        [
          'classify',
          [{ severity: 'error', code: 'x', path: 'p', message: 'bad' }],
        ],
      ]),
      selectedId: 'classify',
      readOnly: false,
    });
    expect(nodes.map(n => n.id)).toEqual(['prompt', 'classify', 'ok', 'sub']);
    expect(nodes[1]).toMatchObject({
      selected: true,
      data: { kind: 'component', target: 'gpt-4o-mini-chat', issues: ['bad'] },
    });
    expect(nodes[2].data.kind).toBe('approval');
    expect(nodes[3].data).toMatchObject({
      kind: 'workflow',
      target: 'other@production',
    });
  });

  it('draws needs from the needed step and dashed, fixed jumps', () => {
    const doc = documentFixture();
    doc.spec.steps[0].onError = { goto: 'classify' };
    doc.spec.steps[1].needs = ['prompt', 'missing'];
    const edges = buildEdges(doc, false);
    expect(edges).toHaveLength(2);
    const needs = edges.find(e => e.id.startsWith('needs:'))!;
    const jump = edges.find(e => e.id.startsWith('goto:'))!;
    expect(needs).toMatchObject({
      source: 'prompt',
      target: 'classify',
      deletable: true,
    });
    expect(jump).toMatchObject({
      source: 'prompt',
      target: 'classify',
      deletable: false,
      label: 'on error',
      style: { strokeDasharray: '6 4' },
    });
    expect(needs.id).toBe(needsEdgeId('prompt', 'classify'));
    expect(buildEdges(doc, true).every(e => !e.deletable)).toBe(true);
  });

  it('names kinds and refs briefly', () => {
    expect(kindOfStep({ id: 'x', workflow: '' })).toBe('workflow');
    expect(shortRef('aicomponent:team/x')).toBe('team/x');
    expect(shortRef(undefined)).toBeUndefined();
  });
});

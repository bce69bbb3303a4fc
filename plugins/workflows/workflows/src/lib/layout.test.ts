import {
  layoutSteps,
  NODE_HEIGHT,
  NODE_WIDTH,
  nextStepPosition,
  positionAfter,
  stepDepths,
} from './layout';

describe('layout', () => {
  const steps = [
    { id: 'a', component: 'x' },
    { id: 'b', component: 'x', needs: ['a'] },
    { id: 'c', component: 'x', needs: ['a'] },
    { id: 'd', component: 'x', needs: ['b', 'c', 'missing'] },
  ];

  it('gives each step the depth of its longest chain of needs', () => {
    expect(Object.fromEntries(stepDepths(steps))).toEqual({
      a: 0,
      b: 1,
      c: 1,
      d: 2,
    });
  });

  it('survives cycles', () => {
    const cyclic = [
      { id: 'a', component: 'x', needs: ['b'] },
      { id: 'b', component: 'x', needs: ['a'] },
    ];
    const depths = stepDepths(cyclic);
    expect(depths.size).toBe(2);
  });

  it('lays steps out in layers from the top, centred, unless they have a position', () => {
    const positions = layoutSteps(steps);
    const a = positions.get('a')!;
    const b = positions.get('b')!;
    const c = positions.get('c')!;
    const d = positions.get('d')!;
    expect(a.y).toBe(0);
    expect(b.y).toBe(c.y);
    expect(b.y).toBeGreaterThan(a.y);
    expect(d.y).toBeGreaterThan(b.y);
    expect(b.x).toBeLessThan(c.x);
    expect(a.x).toBe(d.x);
    expect(a.x).toBeGreaterThan(b.x);

    const placed = layoutSteps([{ ...steps[0], position: { x: 500, y: -20 } }]);
    expect(placed.get('a')).toEqual({ x: 500, y: -20 });
  });

  it('puts a new step below every other', () => {
    expect(nextStepPosition([])).toEqual({ x: 0, y: 0 });
    const next = nextStepPosition([
      { x: 40, y: 0 },
      { x: 10, y: 300 },
    ]);
    expect(next.x).toBe(10);
    expect(next.y).toBeGreaterThan(300 + NODE_HEIGHT);
  });

  it('puts a step that runs after another below it, beside what is there', () => {
    const positions = new Map([
      ['a', { x: 100, y: 0 }],
      ['b', { x: 100, y: NODE_HEIGHT + 64 }],
    ]);
    const next = positionAfter(positions, 'a');
    expect(next.y).toBe(NODE_HEIGHT + 64);
    expect(next.x).toBeGreaterThanOrEqual(100 + NODE_WIDTH);
    expect(positionAfter(positions, 'b')).toEqual({
      x: 100,
      y: 2 * (NODE_HEIGHT + 64),
    });
    expect(positionAfter(positions, 'missing')).toEqual(
      nextStepPosition(positions.values()),
    );
  });
});

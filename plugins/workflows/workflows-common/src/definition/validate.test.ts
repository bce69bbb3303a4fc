import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseWorkflowYaml, stringifyWorkflowYaml } from './yaml';
import { ComponentInfo, validateWorkflowDocument } from './validate';
import { WorkflowDocument } from './model';

const example = () =>
  parseWorkflowYaml(
    readFileSync(
      resolve(__dirname, '../../../../../examples/workflows.yaml'),
      'utf8',
    ).split(/^---$/m)[0],
  ) as WorkflowDocument;

const doc = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name: 'wf' },
  spec: {
    owner: 'group:default/team-a',
    lifecycle: 'production',
    steps,
    ...extra,
  },
});

const codes = (raw: unknown, context = {}) =>
  validateWorkflowDocument(raw, context).issues.map(
    i => `${i.code}@${i.stepId ?? '-'}:${i.field ?? i.path}`,
  );

describe('validateWorkflowDocument', () => {
  it('accepts the example workflow', () => {
    const result = validateWorkflowDocument(example());
    expect(result.issues).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.document?.spec.steps).toHaveLength(4);
  });

  it('names the step and field of a schema error', () => {
    const result = validateWorkflowDocument(
      doc([{ id: 'a', component: 'x', timeout: 'soon' }]),
    );
    expect(result.valid).toBe(false);
    expect(result.issues[0]).toMatchObject({
      code: 'schema',
      stepId: 'a',
      field: 'timeout',
      path: 'spec.steps[0].timeout',
    });
    expect(result.issues[0].message).toMatch(
      /step 'a' timeout: must be a duration/,
    );
  });

  it('refuses a step with both a component and an approval', () => {
    expect(
      codes(doc([{ id: 'a', component: 'x', approval: { timeout: '1h' } }])),
    ).toEqual(['schema@a:approval']);
  });

  it('finds duplicate ids, unknown needs and unknown goto targets', () => {
    expect(
      codes(
        doc([
          { id: 'a', component: 'x' },
          { id: 'a', component: 'y' },
          {
            id: 'b',
            component: 'x',
            needs: ['nope'],
            onError: { goto: 'gone' },
          },
        ]),
      ),
    ).toEqual([
      'duplicate-id@a:id',
      'unknown-need@b:needs[0]',
      'unknown-goto@b:onError.goto',
    ]);
  });

  it('names the cycle', () => {
    const result = validateWorkflowDocument(
      doc([
        { id: 'a', component: 'x', needs: ['c'] },
        { id: 'b', component: 'x', needs: ['a'] },
        { id: 'c', component: 'x', needs: ['b'] },
      ]),
    );
    const cycle = result.issues.find(i => i.code === 'cycle');
    expect(cycle?.message).toMatch(
      /a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c/,
    );
  });

  it('reports a JSONata syntax error with its position in the string', () => {
    const result = validateWorkflowDocument(
      doc([{ id: 'a', component: 'x', with: { q: 'Hi ${{ input.name + }}' } }]),
    );
    const issue = result.issues[0];
    expect(issue).toMatchObject({
      code: 'expression-syntax',
      stepId: 'a',
      field: 'with.q',
    });
    expect(issue.position).toBeGreaterThan(5);
  });

  it('checks the names an expression reads', () => {
    expect(
      codes(
        doc([
          { id: 'a', component: 'x', with: { v: '${{ foo.bar }}' } },
          {
            id: 'b',
            component: 'x',
            with: { v: '${{ steps.a.output }}', w: '${{ item }}' },
          },
          {
            id: 'c',
            component: 'x',
            needs: ['a'],
            with: { v: '${{ steps.a.result }}' },
            if: 'yes',
          },
        ]),
      ),
    ).toEqual([
      'expression-name@a:with.v',
      'expression-order@b:with.v',
      'expression-name@b:with.w',
      'expression-required@c:if',
      'expression-step@c:with.v',
    ]);
  });

  it('checks refs and mapping types against the components', () => {
    const components = new Map<string, ComponentInfo>([
      [
        'aicomponent:default/gen',
        {
          outputSchema: {
            type: 'object',
            properties: { text: { type: 'string' } },
          },
        },
      ],
      [
        'aicomponent:default/count',
        {
          inputSchema: {
            type: 'object',
            required: ['n', 'label'],
            properties: { n: { type: 'number' }, label: { type: 'string' } },
          },
        },
      ],
      ['aicomponent:default/old', { deleted: true }],
    ]);
    expect(
      codes(
        doc([
          { id: 'gen', component: 'aicomponent:default/gen' },
          {
            id: 'count',
            component: 'aicomponent:default/count',
            needs: ['gen'],
            with: { n: '${{ steps.gen.output.text }}' },
          },
          { id: 'old', component: 'aicomponent:default/old' },
          { id: 'what', component: 'aicomponent:default/what' },
          {
            id: 'lit',
            component: 'aicomponent:default/count',
            with: { n: 'three', label: 'x' },
          },
        ]),
        { components },
      ),
    ).toEqual([
      'deleted-component@old:component',
      'unknown-component@what:component',
      'missing-input@count:with.label',
      'type-mismatch@count:with.n',
      'type-mismatch@lit:with.n',
    ]);
  });

  it('finds unreachable steps', () => {
    expect(
      codes(
        doc([
          { id: 'a', component: 'x', if: '${{ false }}' },
          { id: 'b', component: 'x', needs: ['a'] },
          { id: 'c', component: 'x', onError: { goto: 'd' } },
          { id: 'd', component: 'x' },
        ]),
      ),
    ).toEqual(['unreachable@a:needs', 'unreachable@b:needs']);
  });
});

describe('YAML', () => {
  it('round-trips the canonical form', () => {
    const text = stringifyWorkflowYaml(example());
    expect(
      stringifyWorkflowYaml(parseWorkflowYaml(text) as WorkflowDocument),
    ).toBe(text);
  });
  it('names the line of a syntax error', () => {
    expect(() => parseWorkflowYaml('a: 1\nb: [\n')).toThrow(/line \d+/);
  });
});

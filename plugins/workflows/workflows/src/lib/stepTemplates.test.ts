import { createStep, parseStepTemplate } from './stepTemplates';

describe('step templates', () => {
  it('creates steps of each kind with unused ids', () => {
    expect(
      createStep(
        {
          kind: 'component',
          ref: 'aicomponent:default/gpt-4o-mini-chat',
          name: 'gpt-4o-mini-chat',
        },
        ['gpt_4o_mini_chat'],
        { x: 1.2, y: 2.7 },
      ),
    ).toEqual({
      id: 'gpt_4o_mini_chat_2',
      component: 'aicomponent:default/gpt-4o-mini-chat',
      position: { x: 1, y: 3 },
    });
    expect(createStep({ kind: 'approval' }, [])).toEqual({
      id: 'approval',
      approval: { timeout: '1d' },
    });
    expect(createStep({ kind: 'workflow' }, [])).toEqual({
      id: 'subworkflow',
      workflow: '',
    });
  });

  it('reads dragged templates and nothing else', () => {
    expect(parseStepTemplate('{"kind":"approval"}')).toEqual({
      kind: 'approval',
    });
    expect(
      parseStepTemplate('{"kind":"component","ref":"r","name":"n"}'),
    ).toEqual({
      kind: 'component',
      ref: 'r',
      name: 'n',
    });
    expect(parseStepTemplate('{"kind":"component"}')).toBeUndefined();
    expect(parseStepTemplate('not json')).toBeUndefined();
  });

  it('makes a suggested step need the step it follows, if that still exists', () => {
    const template = {
      kind: 'component' as const,
      ref: 'aicomponent:default/toxicity-evaluator',
      name: 'toxicity-evaluator',
      after: 'classify',
    };
    expect(createStep(template, ['classify'])).toEqual({
      id: 'toxicity_evaluator',
      component: 'aicomponent:default/toxicity-evaluator',
      needs: ['classify'],
    });
    expect(createStep(template, ['other'])).toEqual({
      id: 'toxicity_evaluator',
      component: 'aicomponent:default/toxicity-evaluator',
    });
    expect(parseStepTemplate(JSON.stringify(template))).toEqual(template);
  });
});

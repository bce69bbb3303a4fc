import { stepIdBase, uniqueStepId } from './stepIds';

describe('step ids', () => {
  it('derives JSONata-friendly ids from component names and refs', () => {
    expect(stepIdBase('aicomponent:default/gpt-4o-mini-chat')).toBe(
      'gpt_4o_mini_chat',
    );
    expect(stepIdBase('aiworkflow:default/triage@production')).toBe('triage');
    expect(stepIdBase('4o')).toBe('step_4o');
    expect(stepIdBase('---')).toBe('step');
    expect(stepIdBase('x'.repeat(80))).toHaveLength(58);
  });

  it('adds a number until the id is unused', () => {
    expect(uniqueStepId('label-exact-match', [])).toBe('label_exact_match');
    expect(
      uniqueStepId('label-exact-match', [
        'label_exact_match',
        'label_exact_match_2',
      ]),
    ).toBe('label_exact_match_3');
  });
});

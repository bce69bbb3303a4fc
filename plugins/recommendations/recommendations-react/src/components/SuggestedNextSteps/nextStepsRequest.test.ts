import { nextStepsRequest } from './nextStepsRequest';

describe('nextStepsRequest', () => {
  it('sends ids, components and needs only, without what the API refuses', () => {
    const steps = [
      {
        id: 'classify',
        component: 'aicomponent:default/gpt-4o-mini-chat',
        needs: [],
        with: { text: '${{ input.text }}' },
      },
      { id: 'review', needs: ['classify', ''] },
      { id: '', component: 'aicomponent:default/half-typed' },
      { id: 'x'.repeat(101) },
    ];
    expect(nextStepsRequest(steps, 'classify', 5)).toEqual({
      document: {
        spec: {
          steps: [
            {
              id: 'classify',
              component: 'aicomponent:default/gpt-4o-mini-chat',
            },
            { id: 'review', needs: ['classify'] },
          ],
        },
      },
      stepId: 'classify',
      limit: 5,
    });
  });
});

import { setIn } from './objects';

describe('setIn', () => {
  it('sets nested values and prunes what becomes empty', () => {
    const step = { id: 'a', retry: { maxAttempts: 3 } };
    expect(setIn(step, ['retry', 'initialInterval'], '1s')).toEqual({
      id: 'a',
      retry: { maxAttempts: 3, initialInterval: '1s' },
    });
    expect(setIn(step, ['retry', 'maxAttempts'], undefined)).toEqual({
      id: 'a',
    });
    expect(setIn(step, ['needs'], [])).toEqual(step);
    expect(setIn(step, ['if'], '')).toEqual(step);
    expect(step).toEqual({ id: 'a', retry: { maxAttempts: 3 } });
  });
});

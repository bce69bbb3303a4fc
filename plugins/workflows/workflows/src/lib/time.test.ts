import { absoluteTime, relativeTime } from './time';

describe('relativeTime', () => {
  const now = Date.parse('2026-01-05T10:00:00.000Z');
  const at = (ms: number) => new Date(now + ms).toISOString();

  it('says how far an instant is from now, in the largest unit that fits', () => {
    expect(relativeTime(at(0), now)).toBe('now');
    expect(relativeTime(at(400), now)).toBe('now');
    expect(relativeTime(at(-42_000), now)).toBe('42 seconds ago');
    expect(relativeTime(at(5 * 60_000), now)).toBe('in 5 minutes');
    expect(relativeTime(at(-3 * 3_600_000), now)).toBe('3 hours ago');
    expect(relativeTime(at(26 * 3_600_000), now)).toBe('tomorrow');
    expect(relativeTime(at(-3 * 86_400_000), now)).toBe('3 days ago');
    expect(relativeTime(at(14 * 86_400_000), now)).toBe('in 2 weeks');
    expect(relativeTime(at(-400 * 86_400_000), now)).toBe('last year');
  });

  it('returns text that is not a time as it is', () => {
    expect(relativeTime('soon', now)).toBe('soon');
    expect(absoluteTime('soon')).toBe('soon');
  });
});

import { formatDuration, formatUsd } from './format';

describe('formatUsd', () => {
  it('writes cents from a dollar up', () => {
    expect(formatUsd(1)).toBe('$1.00');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(1234.567)).toBe('$1,234.57');
    expect(formatUsd(-2.5)).toBe('-$2.50');
  });

  it('keeps three significant digits of fractions of a dollar, at least two decimals', () => {
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(0.25)).toBe('$0.25');
    expect(formatUsd(0.123)).toBe('$0.123');
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(0.01)).toBe('$0.01');
    expect(formatUsd(0.00123)).toBe('$0.00123');
    expect(formatUsd(0.0000123456)).toBe('$0.0000123');
    expect(formatUsd(-0.0042)).toBe('-$0.0042');
  });

  it('rounds up to a dollar where three digits do', () => {
    expect(formatUsd(0.99951)).toBe('$1.00');
    expect(formatUsd(0.9994)).toBe('$0.999');
  });

  it('writes zero as cents and unknown amounts as a dash', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(undefined)).toBe('—');
    expect(formatUsd(null)).toBe('—');
    expect(formatUsd(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks the unit by size', () => {
    expect(formatDuration(349.6)).toBe('350 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(65_000)).toBe('1 min 5 s');
    expect(formatDuration(119_700)).toBe('2 min 0 s');
    expect(formatDuration(3_840_000)).toBe('1 h 4 min');
  });

  it('writes an unknown duration as a dash', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

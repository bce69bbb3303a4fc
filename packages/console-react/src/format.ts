/**
 * How the console writes money and time, the same on every screen: a run's
 * cost in the run list, the same cost on the component's usage card and in a
 * recommendation read alike.
 */

const DASH = '—';

const unknown = (value: number | undefined | null): value is undefined | null =>
  value === undefined || value === null || Number.isNaN(value);

const dollars = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/**
 * An amount in USD. From a dollar up, in cents (`$1,234.50`). Below a dollar,
 * model calls cost fractions of a cent, so three significant digits are kept
 * (at least two decimals): `$0.50`, `$0.0123`, `$0.000042`. Zero is `$0.00`;
 * an unknown amount is a dash.
 *
 * @public
 */
export function formatUsd(value: number | undefined | null): string {
  if (unknown(value)) return DASH;
  const sign = value < 0 ? '-' : '';
  const amount = Math.abs(value);
  if (amount === 0) return '$0.00';
  if (amount >= 1) return `${sign}$${dollars.format(amount)}`;
  // Significant digits, then at most 12 decimals, trailing zeros dropped
  // down to two decimals.
  const rounded = Number(amount.toPrecision(3));
  if (rounded >= 1) return `${sign}$${dollars.format(rounded)}`;
  const digits = Math.min(12, Math.max(2, 2 - Math.floor(Math.log10(rounded))));
  let text = rounded.toFixed(digits);
  while (text.endsWith('0') && text.length - text.indexOf('.') - 1 > 2) {
    text = text.slice(0, -1);
  }
  return `${sign}$${text}`;
}

/**
 * A duration: `350 ms`, `1.2 s`, `2 min 5 s`, `1 h 4 min`; an unknown one is a
 * dash.
 *
 * @public
 */
export function formatDuration(ms: number | undefined | null): string {
  if (unknown(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

import type { TokenTotals } from '@ai-ops/plugin-executions-common';

/**
 * USD with enough digits for cents of a cent: `$0.0123`. Amounts below
 * `fourDigitsBelow` (a cent unless given) get four decimals.
 */
export function formatUsd(
  value: number | undefined,
  fourDigitsBelow = 0.01,
): string {
  if (value === undefined || value === null) return '—';
  return `$${value.toFixed(
    value !== 0 && Math.abs(value) < fourDigitsBelow ? 4 : 2,
  )}`;
}

/** `1.2 s`, `350 ms`, `2 min 5 s`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** The time between two ISO times, or until now when the end is missing. */
export function elapsedMs(start?: string, end?: string): number | undefined {
  if (!start) return undefined;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : Date.now();
  return Number.isNaN(from) || Number.isNaN(to) ? undefined : to - from;
}

/** `1,200 in / 300 out`. */
export function formatTokens(tokens: TokenTotals | undefined): string {
  if (!tokens) return '—';
  return `${tokens.inputTokens.toLocaleString(
    'en-US',
  )} in / ${tokens.outputTokens.toLocaleString('en-US')} out`;
}

/** A local date and time. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** The first 8 characters of a run id, as the list shows it. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

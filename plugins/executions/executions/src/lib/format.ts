import type { TokenTotals } from '@ai-ops/plugin-executions-common';

export { formatDuration, formatUsd } from '@ai-ops/console-react';

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

import { formatDuration, formatUsd } from '@ai-ops/console-react';
import type { ComponentMetrics } from '@ai-ops/plugin-recommendations-common';

/**
 * The measured numbers of a component in a few words, e.g.
 * "$0.0012 per call · 420 ms median · quality 0.91"; empty without runs.
 */
export function formatMetrics(metrics: ComponentMetrics | undefined): string {
  if (!metrics || metrics.runs === 0) return '';
  const parts: string[] = [];
  if (metrics.avgCostUsd !== undefined) {
    parts.push(`${formatUsd(metrics.avgCostUsd)} per call`);
  }
  if (metrics.p50LatencyMs !== undefined) {
    parts.push(`${formatDuration(metrics.p50LatencyMs)} median`);
  }
  if (metrics.evaluationScore !== undefined) {
    parts.push(`quality ${metrics.evaluationScore.toFixed(2)}`);
  }
  parts.push(`${metrics.runs} ${metrics.runs === 1 ? 'run' : 'runs'}`);
  return parts.join(' · ');
}

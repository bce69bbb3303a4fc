// Shared by the deploy tests: paths, the helm and hclfmt binaries (built
// once per machine by scripts/services/helm.sh), YAML parsing, and the
// metric names the console exports.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
export const deployDir = path.join(repoRoot, 'deploy');
export const chartDir = path.join(deployDir, 'helm/ai-ops-console');

const run = promisify(execFile);

/** Runs a command; resolves with { code, stdout, stderr } (never rejects on exit codes). */
export async function exec(file, args, options = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      maxBuffer: 64 * 1024 * 1024,
      ...options,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

async function toolPath(subcommand) {
  const script = path.join(repoRoot, 'scripts/services/helm.sh');
  const result = await exec('bash', [script, subcommand]);
  if (result.code !== 0) {
    throw new Error(`${script} ${subcommand} failed:\n${result.stderr}`);
  }
  return result.stdout.trim().split('\n').pop();
}

/** The helm binary (built from the Go module proxy on first use). */
export const helmPath = () => toolPath('path');
/** The hclfmt binary (HashiCorp's HCL parser and formatter). */
export const hclfmtPath = () => toolPath('hclfmt-path');

/** Parses a multi-document YAML string; fails on any YAML error. */
export function parseYamlDocuments(text, what) {
  // merge: YAML merge keys (<<), which docker compose files use.
  const docs = parseAllDocuments(text, { merge: true });
  const result = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`${what}: ${doc.errors.map(e => e.message).join('; ')}`);
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) result.push(value);
  }
  return result;
}

export function readYaml(file) {
  const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8'), file);
  if (docs.length !== 1) throw new Error(`${file}: expected one document`);
  return docs[0];
}

/**
 * The metric names the console's processes export (packages/telemetry) and
 * the Temporal SDK metrics the dashboards and alerts may use.
 */
export const histogramMetrics = [
  'aiops_http_request_duration_seconds',
  'aiops_step_duration_seconds',
  'aiops_evaluation_score',
  'temporal_workflow_task_schedule_to_start_latency',
  'temporal_activity_schedule_to_start_latency',
];
export const plainMetrics = [
  'aiops_http_requests_total',
  'aiops_executions_started_total',
  'aiops_executions_finished_total',
  'aiops_tokens_total',
  'aiops_cost_usd_total',
  'aiops_outbox_lag_seconds',
  'aiops_outbox_pending_events',
  'aiops_events_queue_depth',
  'temporal_worker_task_slots_available',
  // Prometheus' own per-target series.
  'up',
];
export const knownMetricNames = new Set([
  ...plainMetrics,
  ...histogramMetrics.flatMap(name => [
    `${name}_bucket`,
    `${name}_sum`,
    `${name}_count`,
  ]),
]);

const promqlWords = new Set([
  // aggregation, set and modifier keywords
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'group',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  // Grafana template variables
  'le',
  'inf',
  'nan',
]);

/**
 * The metric names an expression reads: identifiers that are not functions,
 * keywords, label names (inside braces or grouping clauses), durations or
 * string contents.
 */
export function metricNamesIn(expr) {
  let text = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    )
    .replace(/\$\{?[A-Za-z_]+\}?/g, ' ');
  const names = new Set();
  for (const match of text.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const after = text.slice(match.index + word.length).trimStart();
    if (after.startsWith('(')) continue; // a function
    if (promqlWords.has(word.toLowerCase())) continue;
    if (/^\d/.test(word)) continue;
    // Exponents and units in numbers such as 1e-9.
    const before = text[match.index - 1];
    if (before && /[0-9.]/.test(before)) continue;
    names.add(word);
  }
  return [...names];
}

const configSchemaFiles = [
  'packages/backend/config.d.ts',
  'packages/telemetry/config.d.ts',
  'plugins/ai-components/ai-components-backend/config.d.ts',
  'plugins/executions/executions-node/config.d.ts',
  'plugins/executions/executions-worker/config.d.ts',
  'plugins/recommendations/recommendations-node/config.d.ts',
];

/**
 * Paths under the console's own top-level config keys whose segments are not
 * declared in any of its config.d.ts files (Backstage's own keys are not
 * checked).
 */
export function undeclaredConfigPaths(config) {
  const schemas = configSchemaFiles
    .map(f => fs.readFileSync(path.join(repoRoot, f), 'utf8'))
    .join('\n');
  const leaves = (value, at) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]))
      : Array.isArray(value)
      ? value.flatMap(v => (v && typeof v === 'object' ? leaves(v, at) : [at]))
      : [at];
  const ours = [
    'aiOps',
    'aiComponents',
    'temporal',
    'executions',
    'recommendations',
    'telemetry',
  ];
  return ours
    .filter(key => key in config)
    .flatMap(key => leaves(config[key], [key]))
    .filter(at =>
      at.some(segment => !new RegExp(`\\b${segment}\\??:`).test(schemas)),
    )
    .map(at => at.join('.'));
}

/*
 * Determinism guard: replays every recorded history in
 * src/__fixtures__/histories/ (*.json, long ones *.json.gz) against the
 * interpreter as it is in the working tree. A change to src/workflow.ts or
 * src/plan.ts that would make a run started by the previous code take
 * another path on replay (other commands, in another order) fails here with
 * a DeterminismViolationError. Replay runs locally: no Temporal server, no
 * activities.
 *
 * The fixtures are real histories, recorded by src/workflow.test.ts on the
 * Temporal server with RECORD_HISTORIES=1 (see README.md). An intended
 * change of behaviour goes behind `patched()` so that the old histories
 * still replay; re-record only after that.
 */
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type {
  InjectedSinks,
  WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { workflowsPath } from './bundle';
import { historyFromJSON } from './historyJson';

// Two dozen histories, two of them long: about 90 s on two busy cores.
jest.setTimeout(300_000);

const fixturesDir = join(__dirname, '__fixtures__', 'histories');

/** Every fixture, by name; long histories are stored gzipped (`.json.gz`). */
const fixtures = readdirSync(fixturesDir)
  .filter(file => /\.json(\.gz)?$/.test(file))
  .sort()
  .map(file => {
    const raw = readFileSync(join(fixturesDir, file));
    const text = file.endsWith('.gz')
      ? gunzipSync(raw).toString('utf8')
      : raw.toString('utf8');
    return {
      name: file.replace(/\.json(\.gz)?$/, ''),
      history: historyFromJSON(JSON.parse(text)),
    };
  });

let workflowBundle: WorkflowBundleWithSourceMap;
let untracedBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  // As workers run it (scripts/bundle.js): with the OpenTelemetry workflow
  // interceptors when the worker exports traces, without them otherwise.
  workflowBundle = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [
      require.resolve(
        '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
      ),
    ],
  });
  untracedBundle = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [],
  });
});

/** Replays histories with a bundle; the fixtures that failed, with their error. */
async function replay(
  bundle: WorkflowBundleWithSourceMap,
  histories: typeof fixtures,
  sinks: InjectedSinks<any> = {},
) {
  const results: { name: string; error?: string }[] = [];
  // Replayed under the fixture's name: the interpreter reads its execution
  // id from its argument, never the workflow id.
  for await (const result of Worker.runReplayHistories(
    {
      workflowBundle: bundle,
      replayName: 'interpreter-fixtures-replay',
      sinks,
    },
    histories.map(f => ({ workflowId: f.name, history: f.history })),
  )) {
    results.push({
      name: result.workflowId,
      ...(result.error
        ? { error: `${result.error.name}: ${result.error.message}` }
        : {}),
    });
  }
  return results;
}

describe('replay of recorded histories', () => {
  it('has the representative set of fixtures', () => {
    expect(fixtures.map(f => f.name)).toEqual(
      expect.arrayContaining([
        'parallel-skip',
        'foreach-concurrency',
        'retry',
        'approval-approve',
        'approval-timeout-goto',
        'budget-pause-approve',
        'onerror-continue-goto',
        'subworkflow-parent',
        'continue-as-new-first',
        'continue-as-new-last',
      ]),
    );
  });

  it('replays every fixture without a determinism violation or any other error', async () => {
    // The bundle's interceptors hand workflow spans to the `exporter` sink, as
    // in the worker; a replay must not export the spans of the run again.
    const exported: unknown[] = [];
    const exporter = makeWorkflowExporter(
      {
        export: (spans, done) => {
          exported.push(...spans);
          done({ code: 0 });
        },
        shutdown: () => Promise.resolve(),
      },
      { attributes: {} } as any,
    );
    const results = await replay(workflowBundle, fixtures, { exporter });
    expect(results.filter(r => r.error)).toEqual([]);
    expect(results).toHaveLength(fixtures.length);
    expect(exported).toEqual([]);
  });

  it('replays the histories of a traced worker with the untraced bundle (a worker may switch)', async () => {
    // The short fixtures (every step kind); the long ones add length, not kinds.
    const short = fixtures.filter(f => !f.name.startsWith('continue-as-new'));
    expect(short.length).toBeGreaterThan(10);
    const results = await replay(untracedBundle, short);
    expect(results.filter(r => r.error)).toEqual([]);
    expect(results).toHaveLength(short.length);
  });
});

#!/usr/bin/env node
/*
 * Pre-bundles the interpreter workflow (webpack, through Temporal's
 * bundleWorkflowCode) into dist-bundle/, which workers load with
 * `workflowBundle: { codePath }` instead of bundling at every start. Two
 * bundles of the same workflow code:
 *
 * - workflow-bundle.js: with the OpenTelemetry workflow interceptors, for a
 *   worker that exports traces (spans leave the sandbox through the worker's
 *   `exporter` sink);
 * - workflow-bundle-untraced.js: without them, for a worker that exports no
 *   traces. The interceptors issue no commands, so either bundle replays the
 *   other's histories; untraced, a run does not build spans nobody reads.
 *
 *   yarn build:bundle        (in plugins/executions/executions-workflows)
 *
 * Workers call writeWorkflowBundle() themselves when their file is missing.
 */
const { mkdir, rename, writeFile } = require('node:fs/promises');
const { dirname, resolve } = require('node:path');

const workflowsPath = resolve(__dirname, '..', 'src', 'workflow.ts');
const workflowInterceptorsPath = require.resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);
const bundleDir = resolve(__dirname, '..', 'dist-bundle');

/** Where each bundle is written, and the interceptor modules it includes. */
const bundles = {
  traced: {
    path: resolve(bundleDir, 'workflow-bundle.js'),
    workflowInterceptorModules: [workflowInterceptorsPath],
  },
  untraced: {
    path: resolve(bundleDir, 'workflow-bundle-untraced.js'),
    workflowInterceptorModules: [],
  },
};

/** Bundles the workflow and writes it atomically; returns the bundle's path. */
async function writeWorkflowBundle({ traced = true } = {}) {
  const bundle = traced ? bundles.traced : bundles.untraced;
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: bundle.workflowInterceptorModules,
  });
  await mkdir(dirname(bundle.path), { recursive: true });
  const temporary = `${bundle.path}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await rename(temporary, bundle.path);
  return bundle.path;
}

module.exports = {
  writeWorkflowBundle,
  workflowBundlePath: bundles.traced.path,
  untracedWorkflowBundlePath: bundles.untraced.path,
  workflowsPath,
};

if (require.main === module) {
  (async () => {
    for (const traced of [true, false]) {
      console.log(`Wrote ${await writeWorkflowBundle({ traced })}`);
    }
  })().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}

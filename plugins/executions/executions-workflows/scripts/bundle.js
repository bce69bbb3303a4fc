#!/usr/bin/env node
/*
 * Pre-bundles the interpreter workflow (webpack, through Temporal's
 * bundleWorkflowCode) into dist-bundle/workflow-bundle.js, which workers load
 * with `workflowBundle: { codePath }` instead of bundling at every start.
 *
 *   yarn build:bundle        (in plugins/executions/executions-workflows)
 *
 * Workers call writeWorkflowBundle() themselves when the file is missing.
 */
const { mkdir, rename, writeFile } = require('node:fs/promises');
const { dirname, resolve } = require('node:path');

const workflowsPath = resolve(__dirname, '..', 'src', 'workflow.ts');
const workflowInterceptorsPath = require.resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);
const workflowBundlePath = resolve(
  __dirname,
  '..',
  'dist-bundle',
  'workflow-bundle.js',
);

/** Bundles the workflow and writes it atomically; returns the bundle's path. */
async function writeWorkflowBundle() {
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    // OpenTelemetry tracing inside the workflow (spans leave the sandbox
    // through the worker's `exporter` sink).
    workflowInterceptorModules: [workflowInterceptorsPath],
  });
  await mkdir(dirname(workflowBundlePath), { recursive: true });
  const temporary = `${workflowBundlePath}.${process.pid}.tmp`;
  await writeFile(temporary, code);
  await rename(temporary, workflowBundlePath);
  return workflowBundlePath;
}

module.exports = { writeWorkflowBundle, workflowBundlePath, workflowsPath };

if (require.main === module) {
  writeWorkflowBundle().then(
    path => console.log(`Wrote ${path}`),
    error => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

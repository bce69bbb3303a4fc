// What the executions bench scripts share: the Temporal SDK packages (the
// versions the interpreter uses), the server's address and namespace, a
// bundler logger that keeps quiet, and the Temporal server's pids (from
// ../lib/proc.mjs, where the other benches find them too).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** `require` as the interpreter's package resolves it (its Temporal SDK). */
export const temporalRequire = createRequire(
  path.resolve(
    here,
    '../../plugins/executions/executions-workflows/package.json',
  ),
);

export const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
export const temporalNamespace = process.env.TEMPORAL_NAMESPACE ?? 'ai-ops';

/** For `bundleWorkflowCode`: warnings and errors only. */
export const quietBundlerLogger = {
  trace() {},
  debug() {},
  info() {},
  log() {},
  warn: console.warn,
  error: console.error,
};

export { temporalPids } from '../lib/proc.mjs';

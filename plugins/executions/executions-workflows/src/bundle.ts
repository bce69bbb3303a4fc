/*
 * Where the interpreter's source and its pre-built bundle are, for workers.
 * Node code: never imported by the workflow itself.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGE = '@ai-ops/plugin-executions-workflows';

/** The interpreter's source: the entry of the workflow bundle. @public */
export const workflowsPath = resolvePackagePath(PACKAGE, 'src', 'workflow.ts');

/** The plain Node script that writes the bundles (`yarn build:bundle`), and where. */
interface BundleScript {
  writeWorkflowBundle(options: { traced: boolean }): Promise<string>;
  workflowBundlePath: string;
  untracedWorkflowBundlePath: string;
}
// Plain Node so that `yarn build:bundle` needs no TypeScript loader; loading
// it builds nothing (webpack is loaded only when a bundle is written).
const script: BundleScript = require(resolvePackagePath(
  PACKAGE,
  'scripts',
  'bundle.js',
));

/**
 * Where `yarn build:bundle` writes the pre-built workflow bundle with the
 * OpenTelemetry workflow interceptors (for a worker that exports traces);
 * the one without them (for a worker that exports none) is next to it.
 *
 * @public
 */
export const workflowBundlePath = script.workflowBundlePath;

/** The newest modification time of the interpreter's sources (0 when they are not shipped). */
function newestSourceMtimeMs(): number {
  const dir = resolvePackagePath(PACKAGE, 'src');
  if (!existsSync(dir)) return 0;
  // The bundle script decides what the bundle includes (interceptors) too.
  const scriptPath = resolvePackagePath(PACKAGE, 'scripts', 'bundle.js');
  return Math.max(
    0,
    existsSync(scriptPath) ? statSync(scriptPath).mtimeMs : 0,
    ...readdirSync(dir)
      .filter(name => name.endsWith('.ts') && !name.includes('.test.'))
      .map(name => statSync(join(dir, name)).mtimeMs),
  );
}

/**
 * The path of the pre-built workflow bundle, built first (by
 * `scripts/bundle.js`, as `yarn build:bundle` does) when it is missing or
 * older than the interpreter's sources. `traced` (the default) picks the
 * bundle with the OpenTelemetry workflow interceptors; a worker that exports
 * no traces loads the one without them, and its runs build no spans.
 *
 * @public
 */
export async function ensureWorkflowBundle(options?: {
  logger?: { info(message: string): void };
  traced?: boolean;
}): Promise<string> {
  const traced = options?.traced ?? true;
  const path = traced
    ? script.workflowBundlePath
    : script.untracedWorkflowBundlePath;
  if (existsSync(path) && statSync(path).mtimeMs >= newestSourceMtimeMs()) {
    return path;
  }
  options?.logger?.info(
    `Building the workflow bundle ${path} (missing or older than the interpreter's sources)`,
  );
  return script.writeWorkflowBundle({ traced });
}

// Starts the real backend (packages/backend, from source) as a child process
// with the given config files and environment, and stops it by its pid.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, waitFor } from './http.mjs';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const backendDir = path.join(repoRoot, 'packages/backend');
export const workerDir = path.join(repoRoot, 'packages/worker');
const require = createRequire(path.join(backendDir, 'package.json'));
const nodeTransform = require.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
);

export async function startBackend({
  configs,
  env,
  port,
  nodeEnv = 'production',
  // packages/worker is a backend too: the Temporal worker process.
  packageDir = backendDir,
  // Modules loaded before the backend, after the TypeScript transform (as
  // `backstage-cli package start --require` does), e.g. the telemetry.
  preload = [],
  // Node/V8 flags put before everything else (e.g. heap sizing).
  nodeArgs = [],
}) {
  const args = [...nodeArgs, '--require', nodeTransform];
  for (const module of preload) args.push('--require', module);
  args.push('src/index.ts');
  for (const config of configs) args.push('--config', config);
  const child = spawn(process.execPath, args, {
    cwd: packageDir,
    env: { ...process.env, NODE_ENV: nodeEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  const exited = new Promise(resolve => child.on('exit', resolve));
  const baseUrl = `http://localhost:${port}`;
  try {
    await waitFor(
      'the backend to be ready',
      async () => {
        if (child.exitCode !== null) {
          throw new Error(
            `backend exited with ${child.exitCode}:\n${output.slice(-4000)}`,
          );
        }
        const res = await request(`${baseUrl}/.backstage/health/v1/readiness`);
        return res.status === 200;
      },
      { timeoutMs: 180_000 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `${error.message}\n--- backend output ---\n${output.slice(-6000)}`,
    );
  }
  return {
    baseUrl,
    pid: child.pid,
    output: () => output,
    /** Ends the process at once, as a crash would. */
    async kill() {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * The environment app-config.production.yaml reads, pointed at the machine's
 * PostgreSQL and Redis; `overrides` adds or replaces variables.
 */
export function productionEnv({
  port,
  dbPrefix,
  externalToken,
  postgres,
  overrides = {},
}) {
  const baseUrl = `http://localhost:${port}`;
  return {
    APP_BASE_URL: baseUrl,
    BACKEND_BASE_URL: baseUrl,
    BACKEND_PORT: String(port),
    EXTERNAL_API_TOKEN: externalToken,
    POSTGRES_HOST: postgres.host,
    POSTGRES_PORT: String(postgres.port),
    POSTGRES_USER: postgres.user,
    POSTGRES_PASSWORD: 'unused-with-trust-auth',
    POSTGRES_DATABASE_PREFIX: dbPrefix,
    REDIS_URL: 'redis://127.0.0.1:6379',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
    AI_COMPONENTS_SECRET_KEY_ID: 'integration',
    AI_COMPONENTS_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
    OIDC_METADATA_URL: 'http://127.0.0.1:9/.well-known/openid-configuration',
    OIDC_CLIENT_ID: 'ai-ops-console',
    OIDC_CLIENT_SECRET: 'unused',
    CATALOG_ROOT_LOCATION: path.join(
      repoRoot,
      'tests/integration/fixtures/catalog.yaml',
    ),
    RBAC_POLICY_FILE: path.join(repoRoot, 'examples/rbac/policy.csv'),
    RBAC_CONDITIONAL_POLICIES_FILE: path.join(
      repoRoot,
      'examples/rbac/conditional-policies.yaml',
    ),
    ...overrides,
  };
}

/** The config files of a production-like backend, plus extra ones. */
export const productionConfigs = (...extra) => [
  path.join(repoRoot, 'app-config.yaml'),
  path.join(repoRoot, 'app-config.production.yaml'),
  ...extra,
];

// Starts the real backend (packages/backend, from source) as a child process
// with the given config files and environment, and stops it by its pid.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, waitFor } from './http.mjs';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
const backendDir = path.join(repoRoot, 'packages/backend');
const require = createRequire(path.join(backendDir, 'package.json'));
const nodeTransform = require.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
);

export async function startBackend({
  configs,
  env,
  port,
  nodeEnv = 'production',
}) {
  const args = ['--require', nodeTransform, 'src/index.ts'];
  for (const config of configs) args.push('--config', config);
  const child = spawn(process.execPath, args, {
    cwd: backendDir,
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
    output: () => output,
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

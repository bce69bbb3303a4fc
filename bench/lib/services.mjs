// The services a benchmark needs (scripts/services/*.sh): started when they
// are not running, and stopped at the end only by the run that started them.
import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Runs `script start` (idempotent) and returns `stop()`, which runs
 * `script stop` only when the service was not running before.
 */
export function ensureService(script, { env = process.env } = {}) {
  const started = spawnSync(script, ['status'], { env }).status !== 0;
  execFileSync(script, ['start'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  return {
    stop() {
      if (started) execFileSync(script, ['stop'], { stdio: 'inherit', env });
    },
  };
}

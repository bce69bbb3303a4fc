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

/**
 * {@link ensureService} for each script in turn; `stop()` stops those this
 * run started. When one fails to start, the ones started before it are
 * stopped again before the error goes on.
 */
export function ensureServices(scripts, options) {
  const started = [];
  const stop = () => {
    for (const service of [...started].reverse()) service.stop();
  };
  try {
    for (const script of scripts) started.push(ensureService(script, options));
  } catch (error) {
    stop();
    throw error;
  }
  return { stop };
}

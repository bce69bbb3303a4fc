/*
 * How V8 collects the backend's old generation. See
 * bench/recommendations/README.md, "Full collections of an idle backend" and
 * "The entity provider's hand-over and the memory reducer".
 *
 * Growing factor. V8 sizes the next full (mark-compact) collection from how
 * fast the process allocates against how fast it collects: a process that
 * allocates slowly (a backend between requests) gets its smallest growing
 * factor, 1.1, so the next full collection starts once the heap has grown by
 * a tenth. The backend keeps a few hundred MB live (Backstage's modules and
 * schemas, the catalog, the recommendation index), so at 20,000 components it
 * marked its whole heap every 10-20 s, and on two busy cores each of those
 * took a few hundred ms of the event loop: the requests that waited behind
 * them were the similar-components p99. A fixed factor of 3 makes full
 * collections rare at the cost of a heap up to three times the live size. It
 * replaces V8's choice also while the backend allocates fast, where V8 would
 * go up to 4; then full collections come a little sooner than they would
 * have.
 *
 * Memory reducer. When allocation slows down after a full collection, V8's
 * memory reducer starts one more to give memory back, and by default runs it
 * in reduce-memory mode, which compacts every fragmented page: at 20,000
 * components its final pause was 277 ms, against 20-35 ms for the backend's
 * other full collections. Without that mode the reducer's collections are
 * ordinary ones; memory still goes back to the system, only less eagerly.
 */
import { setFlagsFromString } from 'node:v8';

/** The growing factor as V8's flag gives it: 1 + percent / 100. */
export const HEAP_GROWING_PERCENT = 200;

/** The V8 flags the backend sets, by flag name. */
const TUNING: Record<string, string> = {
  'heap-growing-percent': `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
  'memory-reducer-favors-memory': '--no-memory-reducer-favors-memory',
};

/** Whether node was started with its own value of the flag `name`. */
function givenAtStart(name: string, execArgv: readonly string[]) {
  const forms = [name, name.replaceAll('-', '_')].flatMap(spelling => [
    `--${spelling}`,
    `--no-${spelling}`,
  ]);
  return execArgv.some(arg =>
    forms.some(form => arg === form || arg.startsWith(`${form}=`)),
  );
}

/**
 * The V8 flags to set: each of the backend's, unless node was started with
 * its own value of it (an operator's choice wins). V8 reads both whenever it
 * uses them (computing the next limit; starting a memory reducer
 * collection), so setting them after start-up takes effect.
 */
export function v8TuningFlags(execArgv: readonly string[]) {
  return Object.entries(TUNING)
    .filter(([name]) => !givenAtStart(name, execArgv))
    .map(([, flag]) => flag);
}

/** Applies {@link v8TuningFlags} to this process; returns what it set. */
export function tuneV8(execArgv: readonly string[] = process.execArgv) {
  const flags = v8TuningFlags(execArgv);
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}

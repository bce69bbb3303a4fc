/*
 * How far V8 lets the old generation grow before its next full (mark-compact)
 * garbage collection. See bench/recommendations/README.md, "Full collections
 * of an idle backend".
 *
 * V8 sizes the next full collection from how fast the process allocates
 * against how fast it collects: a process that allocates slowly (a backend
 * between requests) gets its smallest growing factor, 1.1, so the next full
 * collection starts once the heap has grown by a tenth. The backend keeps a
 * few hundred MB live (Backstage's modules and schemas, the catalog, the
 * recommendation index), so at 20,000 components it marked its whole heap
 * every 10-20 s, and on two busy cores each of those took a few hundred ms
 * of the event loop: the requests that waited behind them were the
 * similar-components p99. A fixed factor of 3 makes full collections rare at
 * the cost of a heap up to three times the live size. It replaces V8's
 * choice also while the backend allocates fast, where V8 would go up to 4;
 * then full collections come a little sooner than they would have.
 */
import { setFlagsFromString } from 'node:v8';

/** The growing factor as V8's flag gives it: 1 + percent / 100. */
export const HEAP_GROWING_PERCENT = 200;

const FLAG = '--heap-growing-percent';

/**
 * The V8 flag to set, or undefined when node was started with its own
 * `--heap-growing-percent` (an operator's choice wins). V8 reads it whenever
 * it computes the next limit, so setting it after start-up takes effect.
 */
export function heapGrowingFlag(execArgv: readonly string[]) {
  const own = execArgv.some(
    arg =>
      arg === FLAG ||
      arg.startsWith(`${FLAG}=`) ||
      arg === '--heap_growing_percent' ||
      arg.startsWith('--heap_growing_percent='),
  );
  return own ? undefined : `${FLAG}=${HEAP_GROWING_PERCENT}`;
}

/** Applies {@link heapGrowingFlag} to this process; returns what it set. */
export function tuneHeapGrowing(
  execArgv: readonly string[] = process.execArgv,
) {
  const flag = heapGrowingFlag(execArgv);
  if (flag) setFlagsFromString(flag);
  return flag;
}

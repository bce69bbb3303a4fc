import { execFileSync } from 'node:child_process';
import { HEAP_GROWING_PERCENT, heapGrowingFlag } from './heap';

describe('heapGrowingFlag', () => {
  it('sets the growing factor when node was started without one', () => {
    expect(heapGrowingFlag([])).toBe(
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    );
    expect(
      heapGrowingFlag(['--require', 'x', '--max-old-space-size=2048']),
    ).toBe('--heap-growing-percent=200');
  });

  it("keeps an operator's own flag, in either spelling", () => {
    expect(heapGrowingFlag(['--heap-growing-percent=50'])).toBeUndefined();
    expect(heapGrowingFlag(['--heap_growing_percent=50'])).toBeUndefined();
    expect(heapGrowingFlag(['--heap-growing-percent', '50'])).toBeUndefined();
  });

  it('is a flag this V8 knows', () => {
    // node refuses an unknown V8 flag on its command line ("bad option").
    const out = execFileSync(
      process.execPath,
      [
        heapGrowingFlag([])!,
        '-p',
        'require("node:v8").getHeapStatistics().total_heap_size > 0',
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('true');
  });
});

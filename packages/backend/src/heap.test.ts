import { execFileSync } from 'node:child_process';
import { HEAP_GROWING_PERCENT, v8TuningFlags } from './heap';

describe('v8TuningFlags', () => {
  it('sets the growing factor and ordinary memory reducer collections when node was started without them', () => {
    const flags = [
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
      '--no-memory-reducer-favors-memory',
    ];
    expect(v8TuningFlags([])).toEqual(flags);
    expect(
      v8TuningFlags(['--require', 'x', '--max-old-space-size=2048']),
    ).toEqual(flags);
  });

  it("keeps an operator's own flags, in either spelling", () => {
    expect(v8TuningFlags(['--heap-growing-percent=50'])).toEqual([
      '--no-memory-reducer-favors-memory',
    ]);
    expect(v8TuningFlags(['--heap_growing_percent=50'])).toEqual([
      '--no-memory-reducer-favors-memory',
    ]);
    expect(v8TuningFlags(['--heap-growing-percent', '50'])).toEqual([
      '--no-memory-reducer-favors-memory',
    ]);
    expect(
      v8TuningFlags([
        '--memory_reducer_favors_memory',
        '--heap-growing-percent=100',
      ]),
    ).toEqual([]);
    expect(v8TuningFlags(['--no-memory-reducer-favors-memory'])).toEqual([
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
    ]);
  });

  it('are flags this V8 knows', () => {
    // node refuses an unknown V8 flag on its command line ("bad option").
    const out = execFileSync(
      process.execPath,
      [
        ...v8TuningFlags([]),
        '-p',
        'require("node:v8").getHeapStatistics().total_heap_size > 0',
      ],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('true');
  });
});

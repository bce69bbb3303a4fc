// --trace-gc output of a diagnostic's child process (client-gc.mjs,
// server-gc.mjs), summed over its measured part.

/**
 * Sums the --trace-gc lines printed after the child's MEASURE line: scavenges,
 * their pauses, bytes promoted (growth of the heap after each scavenge) and
 * mark-compacts; and the `QUERIES <count> <seconds>` line.
 */
export function summarize(output) {
  let measuring = false;
  let scavenges = 0;
  let pauseMs = 0;
  let promotedMb = 0;
  let majors = 0;
  let lastAfter;
  let queries = 0;
  let seconds = 0;
  for (const line of output.split('\n')) {
    if (line === 'MEASURE') measuring = true;
    const q = /^QUERIES (\d+) ([\d.]+)/.exec(line);
    if (q) [queries, seconds] = [Number(q[1]), Number(q[2])];
    const gc =
      /(Scavenge|Mark-Compact)[^\d]*([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \//.exec(
        line,
      );
    if (!gc || !measuring) continue;
    const after = Number(gc[3]);
    if (gc[1] === 'Scavenge') {
      scavenges += 1;
      pauseMs += Number(gc[4]);
      if (lastAfter !== undefined) promotedMb += after - lastAfter;
    } else {
      majors += 1;
    }
    lastAfter = after;
  }
  return { scavenges, pauseMs, promotedMb, majors, queries, seconds };
}

// CPU accounting from /proc (Linux) for the benches.
import fs from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of the times in `/proc/<pid>/stat`. */
export const CLK_TCK = 100;

/** CPU time (user + system) of a process in clock ticks; 0 once it is gone. */
export const procTicks = pid => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};

/** The pids whose `/proc/<pid>` passes `test` (a process that went away does not). */
export const pidsWhere = test =>
  fs.readdirSync('/proc').filter(d => {
    if (!/^\d+$/.test(d)) return false;
    try {
      return test(d);
    } catch {
      return false;
    }
  });

export const commOf = pid =>
  fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();

export const cmdlineOf = pid =>
  fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');

/** Every PostgreSQL process (server and backends). */
export const postgresPids = () => pidsWhere(pid => commOf(pid) === 'postgres');

/** The Temporal server of scripts/services/temporal.sh. */
export const temporalPids = () =>
  pidsWhere(pid => /\/temporal-v[^ ]*\/server .* start/.test(cmdlineOf(pid)));

/** The Weaviate server of scripts/services/weaviate.sh. */
export const weaviatePids = () =>
  pidsWhere(pid => /\/weaviate-server( |$)/.test(cmdlineOf(pid)));

/**
 * CPU accounting per process group. `groups` maps a name to a function giving
 * the group's pids now (a group that does not run yet gives none). A sample
 * also holds the machine's idle and total time and this process's own CPU
 * (`bench`); `between` gives the cores each group used from one sample to the
 * next, this process's, the rest of the machine's (`other`) and the machine's
 * busy share (`machine`, 0 to 1). A process that ends between two samples
 * drops out of its group (PostgreSQL's connections, say), so a group's share
 * can be a slight underestimate; it is never negative.
 */
export function cpuSampler(groups) {
  const sample = () => {
    let idle = 0;
    let total = 0;
    for (const cpu of os.cpus()) {
      idle += cpu.times.idle;
      total += Object.values(cpu.times).reduce((a, b) => a + b, 0);
    }
    const usage = process.cpuUsage();
    const taken = { at: performance.now(), idle, total };
    for (const [name, pids] of Object.entries(groups)) {
      taken[name] = (pids() ?? []).reduce((s, pid) => s + procTicks(pid), 0);
    }
    taken.bench = (usage.user + usage.system) / 1000;
    return taken;
  };
  const between = (before, after) => {
    const wallMs = after.at - before.at;
    const shares = {
      machine: 1 - (after.idle - before.idle) / (after.total - before.total),
    };
    let known = 0;
    for (const name of Object.keys(groups)) {
      shares[name] = Math.max(
        0,
        ((after[name] - before[name]) * 1000) / CLK_TCK / wallMs,
      );
      known += shares[name];
    }
    shares.bench = (after.bench - before.bench) / wallMs;
    known += shares.bench;
    shares.other = Math.max(0, shares.machine * os.cpus().length - known);
    return shares;
  };
  return { sample, between };
}

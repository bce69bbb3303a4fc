// CPU accounting from /proc (Linux) for the benches.
import fs from 'node:fs';

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

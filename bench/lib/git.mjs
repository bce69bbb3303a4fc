// The code a benchmark measured, for its results section.
import { execFileSync } from 'node:child_process';

/**
 * The short commit of `cwd`'s HEAD, and how many paths of the working tree
 * differ from it: a result measured on uncommitted changes says so.
 */
export function gitState(cwd) {
  try {
    const git = args => execFileSync('git', args, { cwd, encoding: 'utf8' });
    const head = git(['rev-parse', '--short', 'HEAD']).trim();
    const dirty = git(['status', '--porcelain'])
      .split('\n')
      .filter(Boolean).length;
    return `${head}${
      dirty ? ` (+${dirty} uncommitted paths in the working tree)` : ''
    }`;
  } catch {
    return 'unknown';
  }
}

// The workflows of patch-cost.mjs: the bare baseline's three no-op
// activities (workflows.mjs), once plain and once after two patch checks
// (each records a marker and upserts the TemporalChangeVersion search
// attribute, as the interpreter's two patches do).
import { patched } from '@temporalio/workflow';
import { benchThreeSteps } from './workflows.mjs';

export async function plain(input) {
  return benchThreeSteps(input);
}

export async function patchedTwice(input) {
  patched('bench-one');
  patched('bench-two');
  return benchThreeSteps(input);
}

// The bare baseline of bench/executions/run.mjs: three no-op activities in
// a row, with the activity options the interpreter gives a component step
// without retry/timeout settings (plugins/executions/executions-workflows/src/plan.ts,
// componentActivityOptions). Bundled with bundleWorkflowCode by bare-worker.mjs.
import {
  ActivityCancellationType,
  proxyActivities,
} from '@temporalio/workflow';

const { noop } = proxyActivities({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '30s',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { maximumAttempts: 3, initialInterval: '1s', backoffCoefficient: 2 },
});

export async function benchThreeSteps(input) {
  const a = await noop({ step: 'a', text: input.text });
  const b = await noop({ step: 'b', text: a.text });
  const c = await noop({ step: 'c', text: b.text });
  return { status: 'succeeded', output: c };
}

// Waits until a Temporal frontend answers over gRPC, then registers the
// namespace unless it exists. Usage: node temporal-namespace.mjs <address> <namespace>
import { Connection } from '@temporalio/client';

const [address, namespace] = process.argv.slice(2);
const deadline = Date.now() + 120_000;

async function connect() {
  for (;;) {
    try {
      const connection = await Connection.connect({
        address,
        connectTimeout: 2000,
      });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

const connection = await connect();
try {
  await connection.workflowService.describeNamespace({ namespace });
  console.log(`temporal: namespace '${namespace}' ready`);
} catch (error) {
  if (error?.code !== 5 /* NOT_FOUND */) throw error;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: { seconds: 7 * 24 * 3600 },
  });
  // A new namespace takes a moment to reach every service's cache.
  for (;;) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }
  console.log(`temporal: namespace '${namespace}' registered`);
}
await connection.close();

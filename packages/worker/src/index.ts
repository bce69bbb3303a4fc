/*
 * The Temporal worker process of the AI Ops Console: a Backstage backend
 * with only the executions worker, so that runs scale apart from the API.
 * It shares the executions database with the main backend and reaches the
 * ai-components and workflows APIs there (see app-config.worker.yaml); the
 * component runtimes run in this process.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  installTemporalRuntimeTelemetry,
  telemetryServiceFactories,
} from '@ai-ops/telemetry';
import { executionsWorkerModuleRuntimes } from '@ai-ops/plugin-executions-worker';

const backend = createBackend();

for (const factory of telemetryServiceFactories) backend.add(factory);

backend.add(import('@ai-ops/plugin-executions-worker'));
// Component runtimes in the worker: steps run here, not over HTTP.
backend.add(executionsWorkerModuleRuntimes);

// The Temporal SDK's runtime (with its metrics endpoint) is installed
// before the worker connects.
installTemporalRuntimeTelemetry().finally(() => backend.start());

/*
 * The Temporal worker process of the AI Ops Console: a Backstage backend
 * with only the executions worker, so that runs scale apart from the API.
 * It shares the executions database with the main backend and reaches the
 * ai-components and workflows APIs there (see app-config.worker.yaml).
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@ai-ops/plugin-executions-worker'));

backend.start();

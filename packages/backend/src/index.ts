/*
 * The AI Ops Console backend: Backstage's core plugins plus the four
 * capabilities of the console. See docs/adr/0001-layout.md.
 */
import { createBackend } from '@backstage/backend-defaults';
import { telemetryServiceFactories } from '@ai-ops/telemetry';
import { backendFeatures } from './features';
import { tuneV8 } from './heap';

// Full garbage collections only when the heap has grown well past what it
// keeps live, and no memory-reducing compaction when the backend goes idle
// (see ./heap.ts).
tuneV8();

const backend = createBackend();

// Logs with trace and correlation ids, HTTP metrics, correlation ids on
// every response; the tracing itself starts earlier, from
// `--require @ai-ops/telemetry/instrument` (see docs/telemetry.md).
for (const factory of telemetryServiceFactories) backend.add(factory);

// Every feature, in groups a deployment can select (see ./features.ts).
backend.add(backendFeatures);

backend.start();

/*
 * Loaded before the backend or the worker with
 *   node --require @ai-ops/telemetry/instrument packages/backend ...
 *   backstage-cli package start --require @ai-ops/telemetry/instrument
 * so that the instrumentations patch http, express, pg, ioredis and amqplib
 * before anything loads them.
 */
import { startTelemetry } from './sdk/start';

startTelemetry();

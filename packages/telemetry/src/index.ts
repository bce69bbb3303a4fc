/**
 * OpenTelemetry traces and Prometheus metrics for the console's processes.
 *
 * @packageDocumentation
 */
export {};

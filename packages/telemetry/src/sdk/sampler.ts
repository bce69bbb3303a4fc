import { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  Sampler,
  SamplingResult,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/**
 * Records every span until the settings are known, then follows them: off
 * when tracing is disabled or nothing exports spans, else the configured
 * share of new traces (continued traces follow their parent). Unrecorded
 * spans still have trace and span ids, which logs and headers carry.
 */
export class ConfigurableSampler implements Sampler {
  private current: Sampler = new ParentBasedSampler({
    root: new AlwaysOnSampler(),
  });

  configure(options: { record: boolean; ratio: number }): void {
    if (!options.record) {
      this.current = new AlwaysOffSampler();
      return;
    }
    this.current = new ParentBasedSampler({
      root:
        options.ratio >= 1
          ? new AlwaysOnSampler()
          : new TraceIdRatioBasedSampler(options.ratio),
    });
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    return this.current.shouldSample(
      context,
      traceId,
      spanName,
      spanKind,
      attributes,
      links,
    );
  }

  toString(): string {
    return `ConfigurableSampler{${this.current.toString()}}`;
  }
}

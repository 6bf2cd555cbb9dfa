import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type LabelValues as PromLabelValues,
  Registry,
} from "prom-client";

/**
 * One process's Prometheus registry, on prom-client. Label values are part of a series'
 * identity: keep them bounded (queue names, route ids, provider ids, error kinds), never user
 * ids, amounts or free text.
 */

/** The Content-Type to serve `render()` with (text exposition format 0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export type LabelValues = PromLabelValues<string>;
export type { Counter, Gauge, Histogram };

export interface Metrics {
  readonly registry: Registry;
  /** Returns the counter named `name`, creating it on first use (same for the others). */
  counter(name: string, help: string, labelNames?: readonly string[]): Counter<string>;
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ): Histogram<string>;
  gauge(name: string, help: string, labelNames?: readonly string[]): Gauge<string>;
  /**
   * Runs `collect` before every render, in registration order (gauges read from the database at
   * scrape time). A failing collector is reported to `onCollectError`; the rest is still served.
   */
  onCollect(collect: () => Promise<void>): void;
  /** Every metric in the text exposition format, after the collectors ran. */
  render(): Promise<string>;
}

export interface CreateMetricsOptions {
  /** Process metrics: heap, event-loop lag, GC, CPU, handles (prom-client's defaults). */
  defaultMetrics?: boolean;
  onCollectError?: (error: unknown) => void;
}

export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const collectors: Array<() => Promise<void>> = [];

  function existing<T>(name: string, type: new (...args: never[]) => T): T | undefined {
    const found = registry.getSingleMetric(name);
    if (found === undefined) return undefined;
    if (!(found instanceof type)) {
      throw new Error(`Metric "${name}" is already registered as another type`);
    }
    return found as T;
  }

  return {
    registry,
    counter(name, help, labelNames = []) {
      return (
        existing(name, Counter) ??
        new Counter({ name, help, labelNames: [...labelNames], registers: [registry] })
      );
    },
    histogram(name, help, labelNames, buckets) {
      return (
        existing(name, Histogram) ??
        new Histogram({
          name,
          help,
          labelNames: [...labelNames],
          buckets: [...buckets],
          registers: [registry],
        })
      );
    },
    gauge(name, help, labelNames = []) {
      return (
        existing(name, Gauge) ??
        new Gauge({ name, help, labelNames: [...labelNames], registers: [registry] })
      );
    },
    onCollect(collect) {
      collectors.push(collect);
    },
    async render() {
      // One after the other, in registration order: a scrape holds at most one connection.
      for (const collect of collectors) {
        try {
          await collect();
        } catch (error) {
          options.onCollectError?.(error);
        }
      }
      return registry.metrics();
    },
  };
}

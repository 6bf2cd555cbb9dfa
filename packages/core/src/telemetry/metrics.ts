/**
 * A tiny in-process metrics registry rendering the Prometheus text exposition format 0.0.4.
 * Counters and histograms only: that is all Mentora needs, and it keeps us off prom-client.
 *
 * Label values are part of a series' identity: keep them bounded (provider ids, operation
 * names, error kinds), never user ids, amounts or free text.
 */

/** The Content-Type to serve `render()` with. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type LabelValues = Readonly<Record<string, string>>;

export interface Counter {
  /** Adds `by` (default 1) to the series named by `labels`. Refuses negative or non-finite `by`. */
  inc(labels?: LabelValues, by?: number): void;
}

export interface Histogram {
  /** Records one observation in the series named by `labels` (`{}` when there are none). */
  observe(labels: LabelValues, value: number): void;
}

export interface Metrics {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  histogram(
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ): Histogram;
  /** Every registered metric in the text exposition format, in registration order. */
  render(): string;
}

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface CounterEntry {
  type: "counter";
  name: string;
  help: string;
  labelNames: readonly string[];
  series: Map<string, { labelValues: string[]; value: number }>;
  api: Counter;
}

interface HistogramEntry {
  type: "histogram";
  name: string;
  help: string;
  labelNames: readonly string[];
  /** Upper bounds, strictly increasing, +Inf excluded (it is always rendered). */
  buckets: readonly number[];
  /** `counts[i]` is the number of observations in bucket i alone; the last is the +Inf bucket. */
  series: Map<string, { labelValues: string[]; counts: number[]; sum: number; count: number }>;
  api: Histogram;
}

type Entry = CounterEntry | HistogramEntry;

export function createMetrics(): Metrics {
  const entries = new Map<string, Entry>();
  /** Every sample name rendered (histograms render _bucket, _sum and _count), to its metric. */
  const sampleNames = new Map<string, string>();

  function reserve(name: string, samples: string[]): void {
    for (const sample of samples) {
      const owner = sampleNames.get(sample);
      if (owner !== undefined) {
        throw new Error(
          `Metric "${name}" would render "${sample}", already rendered by "${owner}"`,
        );
      }
    }
    for (const sample of samples) sampleNames.set(sample, name);
  }

  function existing(
    name: string,
    type: Entry["type"],
    labelNames: readonly string[],
  ): Entry | undefined {
    const entry = entries.get(name);
    if (entry === undefined) return undefined;
    if (entry.type !== type || !sameStrings(entry.labelNames, labelNames)) {
      throw new Error(
        `Metric "${name}" is already registered as a ${entry.type} with labels [${entry.labelNames.join(", ")}]`,
      );
    }
    return entry;
  }

  return {
    counter(name, help, labelNames = []) {
      validateMetricName(name);
      validateLabelNames(name, labelNames, []);
      const found = existing(name, "counter", labelNames);
      if (found?.type === "counter") return found.api;

      reserve(name, [name]);
      const entry: CounterEntry = {
        type: "counter",
        name,
        help,
        labelNames: [...labelNames],
        series: new Map(),
        api: {
          inc(labels = {}, by = 1) {
            if (!Number.isFinite(by) || by < 0) {
              throw new RangeError(
                `Counter "${name}" can only increase by a finite amount >= 0, got ${by}`,
              );
            }
            const labelValues = resolveLabels(name, entry.labelNames, labels);
            const key = seriesKey(labelValues);
            const series = entry.series.get(key);
            if (series === undefined) entry.series.set(key, { labelValues, value: by });
            else series.value += by;
          },
        },
      };
      // A counter without labels has exactly one series: show it at 0 before the first inc.
      if (entry.labelNames.length === 0)
        entry.series.set(seriesKey([]), { labelValues: [], value: 0 });
      entries.set(name, entry);
      return entry.api;
    },

    histogram(name, help, labelNames, buckets) {
      validateMetricName(name);
      validateLabelNames(name, labelNames, ["le"]);
      const bounds = validateBuckets(name, buckets);
      const found = existing(name, "histogram", labelNames);
      if (found?.type === "histogram") {
        if (!sameNumbers(found.buckets, bounds)) {
          throw new Error(
            `Histogram "${name}" is already registered with buckets [${found.buckets.join(", ")}]`,
          );
        }
        return found.api;
      }

      reserve(name, [`${name}_bucket`, `${name}_sum`, `${name}_count`]);
      const newSeries = (labelValues: string[]) => ({
        labelValues,
        counts: new Array<number>(bounds.length + 1).fill(0),
        sum: 0,
        count: 0,
      });
      const entry: HistogramEntry = {
        type: "histogram",
        name,
        help,
        labelNames: [...labelNames],
        buckets: bounds,
        series: new Map(),
        api: {
          observe(labels, value) {
            if (Number.isNaN(value)) {
              throw new RangeError(`Histogram "${name}" cannot observe NaN`);
            }
            const labelValues = resolveLabels(name, entry.labelNames, labels);
            const key = seriesKey(labelValues);
            let series = entry.series.get(key);
            if (series === undefined) {
              series = newSeries(labelValues);
              entry.series.set(key, series);
            }
            let index = bounds.findIndex((bound) => value <= bound);
            if (index === -1) index = bounds.length;
            series.counts[index] = (series.counts[index] ?? 0) + 1;
            series.sum += value;
            series.count += 1;
          },
        },
      };
      if (entry.labelNames.length === 0) entry.series.set(seriesKey([]), newSeries([]));
      entries.set(name, entry);
      return entry.api;
    },

    render() {
      const lines: string[] = [];
      for (const entry of entries.values()) {
        lines.push(`# HELP ${entry.name} ${escapeHelp(entry.help)}`);
        lines.push(`# TYPE ${entry.name} ${entry.type}`);
        if (entry.type === "counter") {
          for (const series of entry.series.values()) {
            const labels = formatLabels(entry.labelNames, series.labelValues);
            lines.push(`${entry.name}${labels} ${formatNumber(series.value)}`);
          }
          continue;
        }
        const bucketLabelNames = [...entry.labelNames, "le"];
        for (const series of entry.series.values()) {
          let cumulative = 0;
          entry.buckets.forEach((bound, i) => {
            cumulative += series.counts[i] ?? 0;
            const labels = formatLabels(bucketLabelNames, [
              ...series.labelValues,
              formatNumber(bound),
            ]);
            lines.push(`${entry.name}_bucket${labels} ${cumulative}`);
          });
          const infLabels = formatLabels(bucketLabelNames, [...series.labelValues, "+Inf"]);
          lines.push(`${entry.name}_bucket${infLabels} ${series.count}`);
          const labels = formatLabels(entry.labelNames, series.labelValues);
          lines.push(`${entry.name}_sum${labels} ${formatNumber(series.sum)}`);
          lines.push(`${entry.name}_count${labels} ${series.count}`);
        }
      }
      return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
    },
  };
}

function validateMetricName(name: string): void {
  if (!metricNamePattern.test(name)) {
    throw new Error(`Invalid metric name "${name}": must match [a-zA-Z_:][a-zA-Z0-9_:]*`);
  }
}

function validateLabelNames(
  metric: string,
  labelNames: readonly string[],
  reserved: readonly string[],
): void {
  const seen = new Set<string>();
  for (const label of labelNames) {
    if (!labelNamePattern.test(label) || label.startsWith("__")) {
      throw new Error(
        `Invalid label name "${label}" on "${metric}": must match [a-zA-Z_][a-zA-Z0-9_]* and not start with "__"`,
      );
    }
    if (reserved.includes(label)) {
      throw new Error(`Label name "${label}" is reserved on "${metric}"`);
    }
    if (seen.has(label)) throw new Error(`Label name "${label}" repeated on "${metric}"`);
    seen.add(label);
  }
}

function validateBuckets(metric: string, buckets: readonly number[]): number[] {
  const bounds = buckets.filter((bound) => bound !== Number.POSITIVE_INFINITY);
  if (bounds.length === 0) throw new Error(`Histogram "${metric}" needs at least one bucket`);
  bounds.forEach((bound, i) => {
    const previous = bounds[i - 1];
    if (!Number.isFinite(bound) || (previous !== undefined && bound <= previous)) {
      throw new Error(
        `Histogram "${metric}" buckets must be finite and strictly increasing, got [${buckets.join(", ")}]`,
      );
    }
  });
  return bounds;
}

/** The label values in declaration order; the set of names given must be exactly the declared one. */
function resolveLabels(
  metric: string,
  labelNames: readonly string[],
  labels: LabelValues,
): string[] {
  const given = Object.keys(labels);
  const unknown = given.filter((label) => !labelNames.includes(label));
  const missing = labelNames.filter((label) => !Object.hasOwn(labels, label));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(
      `Metric "${metric}" takes labels [${labelNames.join(", ")}], got [${given.join(", ")}]`,
    );
  }
  return labelNames.map((label) => {
    const value = labels[label];
    if (typeof value !== "string") {
      throw new TypeError(`Label "${label}" on "${metric}" must be a string, got ${typeof value}`);
    }
    return value;
  });
}

function seriesKey(labelValues: readonly string[]): string {
  return JSON.stringify(labelValues);
}

function formatLabels(labelNames: readonly string[], labelValues: readonly string[]): string {
  if (labelNames.length === 0) return "";
  const pairs = labelNames.map(
    (label, i) => `${label}="${escapeLabelValue(labelValues[i] ?? "")}"`,
  );
  return `{${pairs.join(",")}}`;
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escapes backslash and line feed (quotes are left as they are). */
function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Number.isNaN(value)) return "NaN";
  return String(value);
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

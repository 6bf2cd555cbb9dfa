import { describe, expect, it } from "vitest";
import { createMetrics, PROMETHEUS_CONTENT_TYPE } from "./metrics.ts";

describe("render", () => {
  it("writes the text exposition format 0.0.4, escaping label values and HELP", () => {
    const metrics = createMetrics();
    const requests = metrics.counter("app_requests_total", "Requests handled.\nBy \\ route", [
      "method",
      "path",
    ]);
    requests.inc({ method: "GET", path: 'a"b\\c\nd' });
    requests.inc({ path: 'a"b\\c\nd', method: "GET" }, 2);
    requests.inc({ method: "POST", path: "/x" }, 0.5);
    metrics.counter("app_up_total", 'Plain "quoted" help.');
    const latency = metrics.histogram("app:latency_seconds", "Latency.", ["route"], [0.25, 0.5, 1]);
    latency.observe({ route: "/a" }, 0.125);
    latency.observe({ route: "/a" }, 0.5); // on a bound: le is inclusive
    latency.observe({ route: "/a" }, 0.75);
    latency.observe({ route: "/a" }, 4);
    latency.observe({ route: "/b" }, 0.25);
    metrics.histogram("app_empty_seconds", "No observations yet.", [], [1]);

    const expected = [
      String.raw`# HELP app_requests_total Requests handled.\nBy \\ route`,
      "# TYPE app_requests_total counter",
      String.raw`app_requests_total{method="GET",path="a\"b\\c\nd"} 3`,
      'app_requests_total{method="POST",path="/x"} 0.5',
      '# HELP app_up_total Plain "quoted" help.',
      "# TYPE app_up_total counter",
      "app_up_total 0",
      "# HELP app:latency_seconds Latency.",
      "# TYPE app:latency_seconds histogram",
      'app:latency_seconds_bucket{route="/a",le="0.25"} 1',
      'app:latency_seconds_bucket{route="/a",le="0.5"} 2',
      'app:latency_seconds_bucket{route="/a",le="1"} 3',
      'app:latency_seconds_bucket{route="/a",le="+Inf"} 4',
      'app:latency_seconds_sum{route="/a"} 5.375',
      'app:latency_seconds_count{route="/a"} 4',
      'app:latency_seconds_bucket{route="/b",le="0.25"} 1',
      'app:latency_seconds_bucket{route="/b",le="0.5"} 1',
      'app:latency_seconds_bucket{route="/b",le="1"} 1',
      'app:latency_seconds_bucket{route="/b",le="+Inf"} 1',
      'app:latency_seconds_sum{route="/b"} 0.25',
      'app:latency_seconds_count{route="/b"} 1',
      "# HELP app_empty_seconds No observations yet.",
      "# TYPE app_empty_seconds histogram",
      'app_empty_seconds_bucket{le="1"} 0',
      'app_empty_seconds_bucket{le="+Inf"} 0',
      "app_empty_seconds_sum 0",
      "app_empty_seconds_count 0",
      "",
    ].join("\n");
    expect(metrics.render()).toBe(expected);
  });

  it("renders nothing for an empty registry and HELP/TYPE only for a labelled metric with no series", () => {
    const metrics = createMetrics();
    expect(metrics.render()).toBe("");
    metrics.counter("jobs_total", "Jobs.", ["queue"]);
    expect(metrics.render()).toBe("# HELP jobs_total Jobs.\n# TYPE jobs_total counter\n");
  });

  it("drops a +Inf bucket given explicitly (it is always rendered once)", () => {
    const metrics = createMetrics();
    metrics.histogram("h", "H.", [], [1, Number.POSITIVE_INFINITY]).observe({}, 2);
    expect(metrics.render().match(/le="\+Inf"/g)).toHaveLength(1);
  });

  it("exports the 0.0.4 content type", () => {
    expect(PROMETHEUS_CONTENT_TYPE).toBe("text/plain; version=0.0.4; charset=utf-8");
  });
});

describe("validation", () => {
  it.each(["", "1abc", "a-b", "a b", "é", "a{b}"])("refuses metric name %j", (name) => {
    const metrics = createMetrics();
    expect(() => metrics.counter(name, "x")).toThrow(/Invalid metric name/);
    expect(() => metrics.histogram(name, "x", [], [1])).toThrow(/Invalid metric name/);
  });

  it("accepts names with colons and underscores", () => {
    const metrics = createMetrics();
    expect(() => metrics.counter("_a:b_c:1", "x")).not.toThrow();
    expect(() => metrics.counter(":x", "x")).not.toThrow();
  });

  it.each(["", "1x", "a-b", "a:b", "__reserved"])("refuses label name %j", (label) => {
    const metrics = createMetrics();
    expect(() => metrics.counter("c", "x", [label])).toThrow(/Invalid label name/);
  });

  it("refuses repeated label names and le on a histogram", () => {
    const metrics = createMetrics();
    expect(() => metrics.counter("c", "x", ["a", "a"])).toThrow(/repeated/);
    expect(() => metrics.histogram("h", "x", ["le"], [1])).toThrow(/reserved/);
  });

  it("requires exactly the declared labels, with string values", () => {
    const metrics = createMetrics();
    const counter = metrics.counter("c", "x", ["a", "b"]);
    expect(() => counter.inc({ a: "1" })).toThrow(/takes labels \[a, b\]/);
    expect(() => counter.inc({ a: "1", b: "2", c: "3" })).toThrow(/takes labels/);
    expect(() => counter.inc()).toThrow(/takes labels/);
    expect(() => counter.inc({ a: "1", b: 2 as unknown as string })).toThrow(/must be a string/);
    const histogram = metrics.histogram("h", "x", ["a"], [1]);
    expect(() => histogram.observe({}, 1)).toThrow(/takes labels/);
    expect(metrics.render()).not.toMatch(/^c\{|^h_/m);
  });

  it("refuses buckets that are empty, unordered or not finite", () => {
    const metrics = createMetrics();
    expect(() => metrics.histogram("h1", "x", [], [])).toThrow(/at least one bucket/);
    expect(() => metrics.histogram("h2", "x", [], [1, 1])).toThrow(/strictly increasing/);
    expect(() => metrics.histogram("h3", "x", [], [2, 1])).toThrow(/strictly increasing/);
    expect(() => metrics.histogram("h4", "x", [], [Number.NaN])).toThrow(/finite/);
    expect(() => metrics.histogram("h5", "x", [], [Number.NEGATIVE_INFINITY, 1])).toThrow(/finite/);
  });

  it("refuses to observe NaN", () => {
    const histogram = createMetrics().histogram("h", "x", [], [1]);
    expect(() => histogram.observe({}, Number.NaN)).toThrow(RangeError);
  });
});

describe("counters", () => {
  it("never go down: negative and non-finite increments are refused", () => {
    const metrics = createMetrics();
    const counter = metrics.counter("c_total", "x", ["a"]);
    counter.inc({ a: "1" }, 5);
    expect(() => counter.inc({ a: "1" }, -1)).toThrow(RangeError);
    expect(() => counter.inc({ a: "1" }, Number.NaN)).toThrow(RangeError);
    expect(() => counter.inc({ a: "1" }, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    counter.inc({ a: "1" }, 0);
    expect(metrics.render()).toContain('\nc_total{a="1"} 5\n');
  });
});

describe("registering a name twice", () => {
  it("returns the same metric for the same type and labels", () => {
    const metrics = createMetrics();
    const first = metrics.counter("c_total", "x", ["a"]);
    const second = metrics.counter("c_total", "other help", ["a"]);
    expect(second).toBe(first);
    first.inc({ a: "1" });
    second.inc({ a: "1" });
    expect(metrics.render()).toContain('c_total{a="1"} 2');
    expect(metrics.render().match(/# TYPE c_total/g)).toHaveLength(1);

    const h1 = metrics.histogram("h", "x", ["a"], [1, 2]);
    expect(metrics.histogram("h", "x", ["a"], [1, 2])).toBe(h1);
  });

  it("throws for another type, other labels or other buckets", () => {
    const metrics = createMetrics();
    metrics.counter("c_total", "x", ["a"]);
    expect(() => metrics.counter("c_total", "x", ["b"])).toThrow(/already registered/);
    expect(() => metrics.counter("c_total", "x", ["a", "b"])).toThrow(/already registered/);
    expect(() => metrics.counter("c_total", "x")).toThrow(/already registered/);
    expect(() => metrics.histogram("c_total", "x", ["a"], [1])).toThrow(/already registered/);
    metrics.histogram("h", "x", ["a"], [1, 2]);
    expect(() => metrics.counter("h", "x", ["a"])).toThrow(/already registered/);
    expect(() => metrics.histogram("h", "x", ["a"], [1, 3])).toThrow(/buckets/);
  });

  it("throws when a name collides with a histogram's rendered samples", () => {
    const metrics = createMetrics();
    metrics.histogram("h", "x", [], [1]);
    expect(() => metrics.counter("h_count", "x")).toThrow(/already rendered by "h"/);
    metrics.counter("g_sum", "x");
    expect(() => metrics.histogram("g", "x", [], [1])).toThrow(/already rendered by "g_sum"/);
  });
});

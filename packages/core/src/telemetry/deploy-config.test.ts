import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { App } from "../app/index.ts";
import { createTestApp } from "../testing/index.ts";

/**
 * The alert rules and the dashboard operators load (deploy/) may only name metrics that a scrape
 * of /metrics really has: a renamed metric fails here instead of silencing an alert.
 */
const deployDir = path.resolve(import.meta.dirname, "../../../../deploy");
const alerts = parse(readFileSync(path.join(deployDir, "prometheus/alerts.yml"), "utf8")) as {
  groups: Array<{ name: string; rules: Array<Record<string, unknown>> }>;
};
const dashboard = JSON.parse(
  readFileSync(path.join(deployDir, "grafana/mentora.json"), "utf8"),
) as {
  uid: string;
  title: string;
  templating: { list: Array<{ name: string; type: string }> };
  panels: Array<{
    id: number;
    type: string;
    title: string;
    gridPos: { x: number; y: number; w: number; h: number };
    targets?: Array<{ refId: string; expr: string; datasource?: { uid: string } }>;
  }>;
};

/** Metric names a PromQL expression reads (ours and the process metrics), quoted text aside. */
function metricNamesIn(expr: string): string[] {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...unquoted.matchAll(/\b(?:mentora|nodejs|process)_[a-zA-Z0-9_:]*/g)].map((m) => m[0]);
}

/** `# TYPE name type` of a scrape, by name. */
function typesOf(scrape: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const [, name, type] of scrape.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    types.set(name!, type!);
  }
  return types;
}

/** Whether a sample name exists: a family itself, or a histogram's _bucket/_sum/_count. */
function exists(types: Map<string, string>, name: string): boolean {
  if (types.has(name) && types.get(name) !== "histogram") return true;
  const base = name.replace(/_(bucket|sum|count)$/, "");
  return base !== name && types.get(base) === "histogram";
}

const rules = alerts.groups.flatMap((group) => group.rules);
const panelExprs = dashboard.panels.flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
);

let app: App;
let types: Map<string, string>;
beforeAll(async () => {
  app = await createTestApp();
  types = typesOf(await app.telemetry.metrics.render());
});
afterAll(() => app?.close());

describe("deploy/prometheus/alerts.yml", () => {
  it("is a list of rule groups, each rule with a name, an expression, a severity and a summary", () => {
    expect(alerts.groups.length).toBeGreaterThan(0);
    const names = new Set<string>();
    for (const group of alerts.groups) {
      expect(group.name).toMatch(/^mentora-/);
      expect(group.rules.length).toBeGreaterThan(0);
      for (const rule of group.rules) {
        expect(Object.keys(rule).sort()).toEqual(
          expect.arrayContaining(["alert", "annotations", "expr", "labels"]),
        );
        expect(rule.alert).toMatch(/^Mentora[A-Z][A-Za-z0-9]+$/);
        expect(names.has(rule.alert as string)).toBe(false);
        names.add(rule.alert as string);
        expect(typeof rule.expr).toBe("string");
        expect(["warning", "critical"]).toContain((rule.labels as { severity: string }).severity);
        expect((rule.annotations as { summary: string }).summary).toBeTruthy();
        if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
        expect(balanced(rule.expr as string)).toBe(true);
      }
    }
  });

  it("alerts on what the operators asked for", () => {
    const all = rules.map((rule) => rule.expr as string).join("\n");
    for (const metric of [
      "mentora_webhooks_failed_total",
      "mentora_dead_jobs",
      "mentora_queue_oldest_job_age_seconds",
      "mentora_payouts_oldest_in_flight_age_seconds",
      "mentora_http_request_duration_seconds_count",
      "nodejs_eventloop_lag_p99_seconds",
    ]) {
      expect(all).toContain(metric);
    }
  });

  it.each(rules.map((rule) => [rule.alert as string, rule.expr as string]))(
    "%s reads only metrics a scrape of /metrics has",
    (_alert, expr) => {
      const names = metricNamesIn(expr);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !exists(types, name))).toEqual([]);
    },
  );
});

describe("deploy/grafana/mentora.json", () => {
  it("is a dashboard over a Prometheus data source variable, with unique panel ids", () => {
    expect(dashboard.uid).toBe("mentora-overview");
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: "datasource", type: "datasource" }),
    );
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const panel of dashboard.panels) {
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      if (panel.type === "row") continue;
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        // Grafana substitutes the variable; this is not a JavaScript template.
        expect(target.datasource?.uid).toBe(["$", "{datasource}"].join(""));
        expect(balanced(target.expr)).toBe(true);
      }
    }
  });

  it.each(panelExprs.map(({ panel, expr }) => [panel, expr]))(
    "panel %s reads only metrics a scrape of /metrics has (%s)",
    (_panel, expr) => {
      const names = metricNamesIn(expr);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !exists(types, name))).toEqual([]);
    },
  );

  it("shows every metric family Mentora defines", () => {
    const shown = new Set(
      panelExprs.flatMap(({ expr }) =>
        metricNamesIn(expr).map((name) =>
          exists(types, name) && !types.has(name) ? name.replace(/_(bucket|sum|count)$/, "") : name,
        ),
      ),
    );
    const ours = [...types.keys()].filter((name) => name.startsWith("mentora_"));
    expect(ours.filter((name) => !shown.has(name))).toEqual([]);
  });
});

/** Parentheses, brackets and braces close in order (a cheap stand-in for promtool's parser). */
function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  const stack: string[] = [];
  for (const char of expr.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
    if ("([{".includes(char)) stack.push(char);
    else if (char in pairs && stack.pop() !== pairs[char]) return false;
  }
  return stack.length === 0;
}

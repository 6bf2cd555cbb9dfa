/**
 * `pnpm arch:check` (part of `pnpm check`): one dependency-cruiser run over the repository that
 * fails on any broken rule of .dependency-cruiser.cjs, any runtime import cycle, or a stale
 * graph in docs/architecture.md (decision 025).
 */
import path from "node:path";
import { cruise, docPath, mermaidGraph, readDoc, root, runtimeCycles, withGraph } from "./graph.ts";

const result = cruise();
const out = (line: string) => process.stdout.write(`${line}\n`);

const violations = result.summary.violations.filter((v) => v.rule.severity === "error");
for (const violation of violations) {
  out(`${violation.rule.name}: ${violation.from} → ${violation.to}`);
}
const cycles = runtimeCycles(result.modules);
for (const cycle of cycles) out(`no-circular: ${cycle.join(" → ")}`);

const document = readDoc();
const stale = withGraph(document, mermaidGraph(result.modules)) !== document;
if (stale) out(`${path.relative(root, docPath)}: the graph is stale; run pnpm docs:architecture`);

const problems = violations.length + cycles.length + (stale ? 1 : 0);
out(
  problems === 0
    ? `architecture: ${result.modules.length} modules, no broken rule, no cycle`
    : `architecture: ${violations.length} broken rule(s), ${cycles.length} cycle(s)${stale ? ", stale graph" : ""}`,
);
if (problems > 0) process.exitCode = 1;

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
/** core/<domain>, or the package, of a file. */
const folderOf = (file: string) => {
  const parts = file.split("/");
  return parts[1] === "core" && parts[2] === "src"
    ? `core/${parts[3]}`
    : parts.slice(0, 2).join("/");
};
for (const { modules, loop } of cycles) {
  const folders = [...new Set(modules.map(folderOf))].sort().join(", ");
  out(`no-circular: a knot of ${modules.length} modules in ${folders}; one loop:`);
  out(`  ${loop.join(" →\n  ")}`);
}

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

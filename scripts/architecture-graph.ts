/**
 * Regenerates the package/domain graph of docs/architecture.md from the code (`pnpm
 * docs:architecture`). With --check it writes nothing and exits 1 when the committed graph is
 * stale (scripts/arch/check.ts runs the same comparison in `pnpm check`).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { cruise, docPath, mermaidGraph, readDoc, root, withGraph } from "./arch/graph.ts";

const { values: flags } = parseArgs({ options: { check: { type: "boolean", default: false } } });

const document = readDoc();
const updated = withGraph(document, mermaidGraph(cruise().modules));
const shown = path.relative(root, docPath);
if (updated === document) {
  process.stdout.write(`${shown}: the graph is current\n`);
} else if (flags.check) {
  process.stdout.write(`${shown}: the graph is stale; run pnpm docs:architecture\n`);
  process.exitCode = 1;
} else {
  writeFileSync(docPath, updated);
  process.stdout.write(`${shown}: graph updated\n`);
}

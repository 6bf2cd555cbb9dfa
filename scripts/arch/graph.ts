/**
 * The module graph as dependency-cruiser sees it (.dependency-cruiser.cjs), shared by
 * scripts/arch/check.ts and scripts/architecture-graph.ts: runtime import cycles and the
 * package/domain-level Mermaid graph of docs/architecture.md (decision 025).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const cruisedFolders = ["packages", "apps", "adapters", "scripts"];
export const docPath = path.join(root, "docs/architecture.md");
const begin = "<!-- architecture-graph:begin (pnpm docs:architecture writes this block) -->";
const end = "<!-- architecture-graph:end -->";

type Dependency = {
  resolved: string;
  dependencyTypes: string[];
  coreModule: boolean;
  couldNotResolve: boolean;
};
export type CruisedModule = { source: string; dependencies: Dependency[] };
export type Violation = {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
};
export type Cruise = { modules: CruisedModule[]; summary: { violations: Violation[] } };

/**
 * One cruise of the repository with the project's rules (cached by dependency-cruiser). `at` is
 * another root to cruise with the same rules (the rules' own test).
 */
export function cruise(at = root): Cruise {
  const bin = path.join(root, "node_modules/.bin/depcruise");
  const folders = cruisedFolders.filter((folder) => existsSync(path.join(at, folder)));
  const config = path.join(root, ".dependency-cruiser.cjs");
  // Exits non-zero when a rule is broken; the JSON on stdout is complete either way.
  const run = spawnSync(bin, [...folders, "--config", config, "--output-type", "json"], {
    cwd: at,
    maxBuffer: 256 * 1024 * 1024,
    encoding: "utf8",
  });
  if (!run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr || run.error}`);
  return JSON.parse(run.stdout) as Cruise;
}

const isOwnSource = (source: string) =>
  cruisedFolders.some((folder) => source.startsWith(`${folder}/`));

/**
 * Runtime cycles: strongly connected components of the graph without type-only imports (they
 * vanish when Node strips types). dependency-cruiser's own `viaOnly` filter judges only the first
 * cycle path it finds per import, so it can miss a runtime cycle hidden behind a type import.
 * Each knot comes with its modules and one shortest loop through it (first module repeated last).
 */
export function runtimeCycles(modules: CruisedModule[]): { modules: string[]; loop: string[] }[] {
  const edges = new Map<string, string[]>();
  for (const module of modules) {
    if (!isOwnSource(module.source)) continue;
    const targets = module.dependencies
      .filter((dependency) => !dependency.coreModule && !dependency.couldNotResolve)
      .filter((dependency) => !dependency.dependencyTypes.includes("type-only"))
      .map((dependency) => dependency.resolved)
      .filter(isOwnSource);
    edges.set(module.source, [...new Set(targets)].sort());
  }

  // Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...edges.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (edges.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components
    .map((component) => ({ modules: component, loop: shortestLoop(component, edges) }))
    .sort((a, b) => a.modules[0]!.localeCompare(b.modules[0]!));
}

/** The shortest loop through a component, from its first module (breadth-first). */
function shortestLoop(component: string[], edges: Map<string, string[]>): string[] {
  const members = new Set(component);
  const first = component[0]!;
  const previous = new Map<string, string>();
  const queue = [first];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of edges.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === first) {
        const loop = [first];
        for (let at = node; at !== first; at = previous.get(at)!) loop.splice(1, 0, at);
        return [...loop, first];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [...component, first];
}

const isTestCode = (source: string) =>
  /\.(test|bench)\.tsx?$/.test(source) ||
  /(^|\/)(testing|e2e)\//.test(source) ||
  /vitest\.config\.ts$/.test(source);

const layout = JSON.parse(readFileSync(path.join(root, "scripts/arch/layout.json"), "utf8")) as {
  infrastructure: string[];
};

/** Package, or core domain, a module belongs to as the graph shows it. */
function groupOf(source: string): string | undefined {
  const parts = source.split("/");
  if (parts[0] === "packages" && parts[1] === "core") {
    // Files at the root of core/src (its index.ts) stand for the package.
    return parts.length > 4 && parts[2] === "src" ? `core/${parts[3]}` : "@mentora/core";
  }
  if (parts[0] === "packages") return `@mentora/${parts[1]}`;
  if (parts[0] === "adapters") return `gateway-${parts[1]}`;
  if (parts[0] === "apps") return `apps/${parts[1]}`;
  if (parts[0] === "scripts") return "scripts";
  return undefined;
}

const nodeId = (group: string) => group.replace(/[^a-zA-Z0-9]+/g, "_");
const isCore = (group: string) => group === "@mentora/core" || group.startsWith("core/");
const isInfrastructure = (group: string) =>
  group.startsWith("core/") && layout.infrastructure.includes(group.slice(5));

/**
 * The graph of docs/architecture.md, from runtime imports of production code (tests and test
 * support left out). Packages are one node each; inside core, one node per domain with the
 * imports between domains. Core's infrastructure folders are left out (every domain uses them,
 * and trpc/, jobs/ and app/ wire every domain in), and imports across core's border are drawn
 * from or to the package.
 */
export function mermaidGraph(modules: CruisedModule[]): string {
  const edges = new Set<string>();
  const domains = new Set<string>();
  const packages = new Set<string>();
  for (const module of modules) {
    if (!isOwnSource(module.source) || isTestCode(module.source)) continue;
    const from = groupOf(module.source);
    if (!from) continue;
    for (const dependency of module.dependencies) {
      if (dependency.dependencyTypes.includes("type-only")) continue;
      if (!isOwnSource(dependency.resolved) || isTestCode(dependency.resolved)) continue;
      const to = groupOf(dependency.resolved);
      if (!to || to === from) continue;
      const inside = isCore(from) && isCore(to);
      if (inside && (isInfrastructure(to) || isInfrastructure(from) || from === "@mentora/core")) {
        continue;
      }
      const [a, b] = inside
        ? [from, to]
        : [isCore(from) ? "@mentora/core" : from, isCore(to) ? "@mentora/core" : to];
      if (a === b) continue;
      for (const group of [a, b]) {
        if (group.startsWith("core/")) domains.add(group);
        else packages.add(group);
      }
      edges.add(`${a}\u0000${b}`);
    }
  }
  const id = (group: string) => (group === "@mentora/core" ? "core" : nodeId(group));
  const lines = ["```mermaid", "flowchart LR"];
  for (const group of [...packages].sort()) {
    if (group !== "@mentora/core") lines.push(`  ${id(group)}["${group}"]`);
  }
  lines.push('  subgraph core["@mentora/core"]');
  for (const group of [...domains].sort()) lines.push(`    ${id(group)}["${group.slice(5)}"]`);
  lines.push("  end");
  for (const edge of [...edges].sort()) {
    const [from, to] = edge.split("\u0000") as [string, string];
    lines.push(`  ${id(from)} --> ${id(to)}`);
  }
  lines.push("```");
  return lines.join("\n");
}

/** The document with its graph block replaced (or appended when it has none). */
export function withGraph(document: string, graph: string): string {
  const block = `${begin}\n${graph}\n${end}`;
  const from = document.indexOf(begin);
  const to = document.indexOf(end);
  if (from >= 0 && to > from) {
    return document.slice(0, from) + block + document.slice(to + end.length);
  }
  return `${document.trimEnd()}\n\n${block}\n`;
}

export const readDoc = () => readFileSync(docPath, "utf8");

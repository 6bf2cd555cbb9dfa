import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type CruisedModule, runtimeCycles } from "./graph.ts";

const codemod = fileURLToPath(new URL("./front-doors.ts", import.meta.url));

/** A repository with a core package of two domains, a and b, and an infrastructure folder. */
function fakeRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "front-doors-"));
  const all: Record<string, string> = {
    "scripts/arch/layout.json": JSON.stringify({
      coreSource: "packages/core/src",
      infrastructure: ["trpc"],
    }),
    "packages/core/tsconfig.json": JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        types: [],
      },
      include: ["src"],
    }),
    "packages/core/package.json": JSON.stringify({ type: "module" }),
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [codemod, "--root", root, "--no-format", ...args], {
    encoding: "utf8",
  });
const read = (root: string, file: string) =>
  readFileSync(path.join(root, "packages/core/src", file), "utf8");

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("scripts/arch/front-doors.ts", () => {
  it("rewrites deep imports to the front door, exports what they need, and is idempotent", () => {
    const root = fakeRepo({
      "packages/core/src/a/thing.ts": [
        "export const value = 1;",
        "export interface Shape { size: number }",
        "export class Box {}",
        "export function helper() { return 2; }",
      ].join("\n"),
      "packages/core/src/a/index.ts": 'export { helper as aHelper } from "./thing.ts";\n',
      "packages/core/src/b/use.ts": [
        'import { value, type Shape, Box } from "../a/thing.ts";',
        'import { helper } from "../a/thing.ts";',
        'import { route } from "../trpc/init.ts";',
        "export const used: Shape = { size: value + helper() + route };",
        "export const box = new Box();",
      ].join("\n"),
      "packages/core/src/trpc/init.ts": "export const route = 3;\n",
    });
    roots.push(root);

    const check = run(root, "--check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("2 cross-domain deep import(s)");

    const first = run(root);
    expect(first.status, first.stderr).toBe(0);
    const use = read(root, "b/use.ts");
    expect(use).toContain('import { value, type Shape, Box } from "../a/index.ts";');
    // Already exported under another name: the import takes that name.
    expect(use).toContain('import { aHelper as helper } from "../a/index.ts";');
    // Infrastructure is reached directly.
    expect(use).toContain('from "../trpc/init.ts"');
    // The interface is exported as a type, the class as a value; helper is not exported twice.
    expect(read(root, "a/index.ts")).toBe(
      'export { helper as aHelper, value, type Shape, Box } from "./thing.ts";\n',
    );

    const second = run(root, "--check");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("0 cross-domain deep import(s)");
  });

  it("creates a missing front door, and leaves side-effect imports to a person", () => {
    const root = fakeRepo({
      "packages/core/src/a/deep/thing.ts": "export type Id = string;\nexport const id = 'x';\n",
      "packages/core/src/a/register.ts": "export const registered = true;\n",
      "packages/core/src/b/use.ts": [
        'import type { Id } from "../a/deep/thing.ts";',
        'import "../a/register.ts";',
        "export const mine: Id = 'y';",
      ].join("\n"),
    });
    roots.push(root);

    const result = run(root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("(side-effect import)");
    expect(read(root, "a/index.ts")).toBe('export type { Id } from "./deep/thing.ts";\n');
    expect(read(root, "b/use.ts")).toContain('import type { Id } from "../a/index.ts";');
  });
});

const cruised = (source: string, ...deps: [string, string[]?][]): CruisedModule => ({
  source,
  dependencies: deps.map(([resolved, types = ["import"]]) => ({
    resolved,
    dependencyTypes: types,
    coreModule: false,
    couldNotResolve: false,
  })),
});

describe("runtimeCycles", () => {
  it("finds a knot and prints its shortest loop", () => {
    const cycles = runtimeCycles([
      cruised("packages/x/a.ts", ["packages/x/b.ts"]),
      cruised("packages/x/b.ts", ["packages/x/c.ts"], ["packages/x/a.ts"]),
      cruised("packages/x/c.ts", ["packages/x/a.ts"]),
      cruised("packages/x/d.ts", ["packages/x/a.ts"]),
    ]);
    expect(cycles).toEqual([
      {
        modules: ["packages/x/a.ts", "packages/x/b.ts", "packages/x/c.ts"],
        loop: ["packages/x/a.ts", "packages/x/b.ts", "packages/x/a.ts"],
      },
    ]);
  });

  it("does not count a loop closed by a type-only import", () => {
    const cycles = runtimeCycles([
      cruised("packages/x/a.ts", ["packages/x/b.ts"]),
      cruised("packages/x/b.ts", ["packages/x/a.ts", ["type-only", "import"]]),
    ]);
    expect(cycles).toEqual([]);
  });
});

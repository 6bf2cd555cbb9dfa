import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type CruisedModule, cruise, runtimeCycles } from "./graph.ts";

const codemod = fileURLToPath(new URL("./front-doors.ts", import.meta.url));

/** A repository with a core package of two domains, a and b, and an infrastructure folder. */
function fakeRepo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "front-doors-"));
  const all: Record<string, string> = {
    "scripts/arch/layout.json": JSON.stringify({
      coreSource: "packages/core/src",
      infrastructure: ["trpc"],
      routerMounts: ["trpc/"],
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

describe(".dependency-cruiser.cjs", () => {
  it("refuses deep cross-domain imports, adapters in core, core in adapters, and cycles", () => {
    const root = fakeRepo({
      "tsconfig.json": JSON.stringify({
        compilerOptions: { module: "NodeNext", allowImportingTsExtensions: true, noEmit: true },
      }),
      "packages/core/src/a/index.ts": 'export { deep } from "./deep.ts";\n',
      "packages/core/src/a/deep.ts": "export const deep = 1;\n",
      "packages/core/src/a/router.ts": "export const aRouter = {};\n",
      "packages/core/src/a/testing/rig.ts": "export const rig = 1;\n",
      "packages/core/src/b/deep-use.ts": 'import { deep } from "../a/deep.ts";\nexport { deep };\n',
      "packages/core/src/b/front-door-use.ts":
        'import { deep } from "../a/index.ts";\nexport const x = deep;\n',
      "packages/core/src/b/router-use.ts":
        'import { aRouter } from "../a/router.ts";\nexport const y = aRouter;\n',
      "packages/core/src/b/rig-use.ts":
        'import { rig } from "../a/testing/rig.ts";\nexport { rig };\n',
      "packages/core/src/b/rig-use.test.ts": 'import { rig } from "../a/testing/rig.ts";\nrig;\n',
      "packages/core/src/trpc/router.ts":
        'import { aRouter } from "../a/router.ts";\nexport const app = aRouter;\n',
      "packages/core/src/b/gateway.ts":
        'import { gw } from "../../../../adapters/x/src/index.ts";\nexport { gw };\n',
      "adapters/x/src/index.ts":
        'import { deep } from "../../../packages/core/src/a/index.ts";\nexport const gw = deep;\n',
      "packages/core/src/c/one.ts":
        'import { two } from "./two.ts";\nexport const one = () => two;\n',
      "packages/core/src/c/two.ts":
        'import { one } from "./one.ts";\nexport const two = () => one;\n',
      "packages/core/src/c/three.ts":
        'import type { Four } from "./four.ts";\nexport type Three = Four;\nexport const three = 3;\n',
      "packages/core/src/c/four.ts":
        'import { three } from "./three.ts";\nexport type Four = number;\nexport const four = three;\n',
    });
    roots.push(root);

    const result = cruise(root);
    const broken = result.summary.violations
      .map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)
      .sort();
    expect(broken).toEqual([
      "adapters-depend-on-payment-gateway-only: adapters/x/src/index.ts → packages/core/src/a/index.ts",
      "core-depends-on-lower-packages-only: packages/core/src/b/gateway.ts → adapters/x/src/index.ts",
      "core-domains-through-front-doors: packages/core/src/b/deep-use.ts → packages/core/src/a/deep.ts",
      "core-routers-only-in-router-compositions: packages/core/src/b/router-use.ts → packages/core/src/a/router.ts",
      "core-test-support-from-test-code-only: packages/core/src/b/rig-use.ts → packages/core/src/a/testing/rig.ts",
    ]);
    // one ↔ two is a runtime cycle; three ↔ four only through a type import.
    expect(runtimeCycles(result.modules).map((knot) => knot.modules)).toEqual([
      ["packages/core/src/c/one.ts", "packages/core/src/c/two.ts"],
    ]);
  });
});

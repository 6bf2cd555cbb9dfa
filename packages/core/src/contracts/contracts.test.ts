import path from "node:path";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { adminPayoutFilters, paymentStatuses, payoutStatuses } from "./index.ts";

const root = path.resolve(import.meta.dirname, "../../../..");
const entry = path.relative(root, path.join(import.meta.dirname, "index.ts"));

/** Every module the contracts reach, as dependency-cruiser resolves them (packages not entered). */
async function reachedModules() {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise([entry], {
      doNotFollow: { path: "node_modules" },
      tsPreCompilationDeps: true,
      exclude: { path: "\\.test\\.ts$" },
    });
    if (typeof result.output === "string") throw new Error("unexpected string output");
    return result.output.modules;
  } finally {
    process.chdir(previous);
  }
}

describe("@mentora/core/contracts", () => {
  it("reaches no server module: only its own folder and zod (no Prisma, pg, node:, services)", async () => {
    const modules = await reachedModules();
    const sources = modules.map((module) => module.source);
    expect(sources).toContain(entry);
    const outside = sources.filter(
      (source) =>
        !source.startsWith("packages/core/src/contracts/") && !/node_modules\/zod\//.test(source),
    );
    expect(outside).toEqual([]);
    const builtins = modules.flatMap((module) =>
      module.dependencies.filter((dependency) => dependency.coreModule),
    );
    expect(builtins).toEqual([]);
  });

  it("declares each status list once, and core's schemas are built from it", () => {
    expect(paymentStatuses).toContain("SUCCEEDED");
    expect(payoutStatuses).toContain("PAID");
    expect(adminPayoutFilters.safeParse({ status: "NOPE" }).success).toBe(false);
    expect(adminPayoutFilters.safeParse({ status: "PAID", method: "PAYPAL" }).success).toBe(true);
  });
});

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * Where the vendors' OpenAPI specs are: $MENTORA_SPECS_DIR, else ../shared/specs beside the
 * checkout (CI has it there), else .data/specs. Null when none exists: the caller skips with a
 * reason, except under CI=true, where a missing folder must fail the run.
 */
export function findSpecsDir(): string | null {
  const candidates = [
    process.env.MENTORA_SPECS_DIR,
    path.resolve(repoRoot, "../shared/specs"),
    path.resolve(repoRoot, ".data/specs"),
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(dir)) ?? null;
}

export function requireSpecsDir(): string {
  const dir = findSpecsDir();
  if (!dir) {
    throw new Error(
      "Vendor OpenAPI specs not found: set MENTORA_SPECS_DIR, or place them in ../shared/specs or .data/specs",
    );
  }
  return dir;
}

/** Under CI=true a missing tool or spec is a failure, never a skip. */
export const mustNotSkip = process.env.CI === "true";

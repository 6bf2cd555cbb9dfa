import { findSpecsDir, mustNotSkip } from "@mentora/payment-gateway/testing";
import { describe } from "vitest";

/**
 * The vendor specs, or why the spec-validated suites cannot run. Locally a missing folder skips
 * them with the reason printed; under CI=true it fails the run.
 */
export const specsDir = findSpecsDir();

export function describeWithSpecs(name: string, suite: (specsDir: string) => void): void {
  if (specsDir) {
    describe(name, () => suite(specsDir));
    return;
  }
  const reason =
    "Stripe spec not found (set MENTORA_SPECS_DIR, or put the specs in ../shared/specs or .data/specs)";
  if (mustNotSkip) throw new Error(`${name}: ${reason}; CI=true never skips`);
  process.stderr.write(`[gateway-stripe] skipping "${name}": ${reason}\n`);
  describe.skip(`${name} — skipped: ${reason}`, () => suite(""));
}

import { describe } from "vitest";
import { findSpecsDir, mustNotSkip } from "./specs-dir.ts";

/**
 * Runs a suite that needs the Twilio Video spec. Locally a missing spec skips it with the reason
 * printed; under CI it fails the run.
 */
export function describeWithSpecs(name: string, suite: (specsDir: string) => void): void {
  const specsDir = findSpecsDir();
  if (specsDir) {
    describe(name, () => suite(specsDir));
    return;
  }
  const reason =
    "Twilio Video spec not found (set MENTORA_SPECS_DIR, or put the specs in ../shared/specs or .data/specs)";
  if (mustNotSkip) throw new Error(`${name}: ${reason}; CI never skips`);
  process.stderr.write(`[video] skipping "${name}": ${reason}\n`);
  describe.skip(`${name} — skipped: ${reason}`, () => suite(""));
}

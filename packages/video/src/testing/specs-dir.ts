import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Copied from @mentora/payment-gateway/testing (a package this one does not depend on).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * Where the vendors' OpenAPI specs are: $MENTORA_SPECS_DIR, else ../shared/specs beside the
 * checkout (CI has it there), else .data/specs. Null when none exists.
 */
export function findSpecsDir(): string | null {
  const candidates = [
    process.env.MENTORA_SPECS_DIR,
    path.resolve(repoRoot, "../shared/specs"),
    path.resolve(repoRoot, ".data/specs"),
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(path.join(dir, TWILIO_VIDEO_SPEC))) ?? null;
}

/** The Twilio Video spec's path inside the specs folder. */
export const TWILIO_VIDEO_SPEC = "twilio/twilio_video_v1.json";

/** Under CI a missing spec is a failure, never a skip. */
export const mustNotSkip =
  Boolean(process.env.CI) && !["false", "0"].includes(process.env.CI ?? "");

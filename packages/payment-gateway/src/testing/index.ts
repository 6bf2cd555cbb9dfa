export { findSpecsDir, mustNotSkip, requireSpecsDir } from "./specs-dir.ts";

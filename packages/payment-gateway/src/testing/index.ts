export { testGatewayRuntime } from "./runtime.ts";
export { findSpecsDir, mustNotSkip, requireSpecsDir } from "./specs-dir.ts";

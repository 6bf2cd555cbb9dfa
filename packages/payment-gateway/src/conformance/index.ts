export type { ConformanceHarness } from "./harness.ts";
export { runGatewayConformance } from "./run-gateway-conformance.ts";

import { runGatewayConformance } from "@mentora/payment-gateway/conformance";
import { sandboxConformanceHarness } from "./testing/sandbox-rig.ts";

runGatewayConformance("sandbox", sandboxConformanceHarness);

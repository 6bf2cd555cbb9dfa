import { runGatewayConformance } from "@mentora/payment-gateway/conformance";
import { konnectConformanceHarness } from "./testing/konnect-harness.ts";

runGatewayConformance("konnect", konnectConformanceHarness);

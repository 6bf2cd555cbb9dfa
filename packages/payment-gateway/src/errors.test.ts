import { describe, expect, it, vi } from "vitest";
import { GatewayError, isGatewayError, WebhookVerificationError } from "./errors.ts";

describe("errors across copies of the contract", () => {
  it("recognises an error made by another copy of the package (same brand, other class)", async () => {
    // A second, independent evaluation of the module, as an adapter loaded at run time has.
    vi.resetModules();
    const other = await import("./errors.ts");
    expect(other.GatewayError).not.toBe(GatewayError);
    const foreign = new other.GatewayError("retryable", "stripe", "rate_limited", "slow down");
    expect(foreign instanceof GatewayError).toBe(true);
    expect(isGatewayError(foreign, "retryable")).toBe(true);
    const forged = new other.WebhookVerificationError("stripe", "bad_signature", "no");
    expect(forged instanceof WebhookVerificationError).toBe(true);
    expect(forged instanceof GatewayError).toBe(false);
    expect(new Error("plain") instanceof GatewayError).toBe(false);
    expect((null as unknown) instanceof GatewayError).toBe(false);
  });
});

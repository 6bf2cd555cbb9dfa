import { GatewayError, type PaymentGateway } from "@mentora/payment-gateway";
import { createMetrics, createPaymentMetrics } from "@mentora/telemetry";
import { describe, expect, it, vi } from "vitest";
import type { AppServices } from "../app/types.ts";
import { callGateway } from "./gateway-call.ts";

function services() {
  const recordFailure = vi.fn();
  const telemetry = { payments: createPaymentMetrics(createMetrics()), recordFailure };
  return {
    services: { telemetry } as unknown as Pick<AppServices, "telemetry">,
    recordFailure,
  };
}

const gateway = { id: "stub" } as PaymentGateway;
const unavailable = (retryAfterMs?: number) =>
  new GatewayError("retryable", "stub", "provider_unavailable", "503", { retryAfterMs });

describe("callGateway: the one retry layer", () => {
  it("retries a retryable failure after the provider's Retry-After, then succeeds", async () => {
    const { services: s, recordFailure } = services();
    const call = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(unavailable(1_000))
      .mockResolvedValueOnce("ok");
    const timers = vi.spyOn(globalThis, "setTimeout");
    expect(await callGateway(s, gateway, "getPayment", call)).toBe("ok");
    expect(call).toHaveBeenCalledTimes(2);
    // The wait between the attempts was what the provider asked (more than the backoff's
    // 100–200 ms).
    const waits = timers.mock.calls.map(([, ms]) => ms);
    timers.mockRestore();
    expect(waits).toContain(1_000);
    expect(recordFailure).not.toHaveBeenCalled();
  });

  it("does not wait for a Retry-After above its cap: one call, the failure counted", async () => {
    const { services: s, recordFailure } = services();
    const call = vi.fn<() => Promise<string>>().mockRejectedValue(unavailable(120_000));
    await expect(callGateway(s, gateway, "getPayment", call)).rejects.toMatchObject({
      retryAfterMs: 120_000,
    });
    expect(call).toHaveBeenCalledTimes(1);
    expect(recordFailure).toHaveBeenCalledWith("gateway:stub:getPayment");
  });

  it("never retries a permanent or indeterminate failure", async () => {
    for (const kind of ["permanent", "indeterminate"] as const) {
      const { services: s } = services();
      const call = vi
        .fn<() => Promise<string>>()
        .mockRejectedValue(new GatewayError(kind, "stub", "x", "y"));
      await expect(callGateway(s, gateway, "refund", call)).rejects.toBeInstanceOf(GatewayError);
      expect(call).toHaveBeenCalledTimes(1);
    }
  });
});

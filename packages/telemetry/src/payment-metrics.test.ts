import { GatewayError } from "@mentora/payment-gateway";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMetrics } from "./metrics.ts";
import {
  classifyGatewayError,
  createPaymentMetrics,
  paymentMetricNames,
  timeGatewayCall,
} from "./payment-metrics.ts";

function setup() {
  const metrics = createMetrics();
  const payments = createPaymentMetrics(metrics);
  const lines = async () => (await metrics.render()).split("\n");
  return { metrics, payments, lines };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createPaymentMetrics", () => {
  it("declares every Mentora payment metric with its type", async () => {
    const { metrics } = setup();
    const text = await metrics.render();
    const types: Record<string, string> = {
      mentora_webhooks_received_total: "counter",
      mentora_webhooks_duplicate_total: "counter",
      mentora_webhooks_rejected_total: "counter",
      mentora_webhooks_failed_total: "counter",
      mentora_webhooks_retried_total: "counter",
      mentora_webhooks_dead_lettered_total: "counter",
      mentora_gateway_call_duration_seconds: "histogram",
      mentora_gateway_call_errors_total: "counter",
    };
    for (const [name, type] of Object.entries(types)) {
      expect(text).toContain(`\n# TYPE ${name} ${type}\n`);
    }
    expect(Object.values(paymentMetricNames).sort()).toEqual(Object.keys(types).sort());
  });

  it("can be created twice on one registry (same metrics are returned)", async () => {
    const { metrics, payments } = setup();
    const again = createPaymentMetrics(metrics);
    payments.webhookReceived("stripe");
    again.webhookReceived("stripe");
    expect(await metrics.render()).toContain(
      'mentora_webhooks_received_total{provider="stripe"} 2',
    );
  });

  it("counts webhooks through the typed helpers", async () => {
    const { payments, lines } = setup();
    payments.webhookReceived("stripe");
    payments.webhookReceived("stripe");
    payments.webhookDuplicate("stripe");
    payments.webhookRejected("paypal", "bad_signature");
    payments.webhookFailed("konnect");
    payments.webhookRetried("konnect");
    payments.webhookDeadLettered("konnect");
    expect(await lines()).toEqual(
      expect.arrayContaining([
        'mentora_webhooks_received_total{provider="stripe"} 2',
        'mentora_webhooks_duplicate_total{provider="stripe"} 1',
        'mentora_webhooks_rejected_total{provider="paypal",reason="bad_signature"} 1',
        'mentora_webhooks_failed_total{provider="konnect"} 1',
        'mentora_webhooks_retried_total{provider="konnect"} 1',
        'mentora_webhooks_dead_lettered_total{provider="konnect"} 1',
      ]),
    );
  });

  it("gatewayCall observes the duration and counts non-ok outcomes as errors", async () => {
    const { payments, lines } = setup();
    payments.gatewayCall("stripe", "refund", "ok", 0.2);
    payments.gatewayCall("stripe", "refund", "retryable", 0.3);
    const text = await lines();
    expect(text).toContain(
      'mentora_gateway_call_duration_seconds_count{provider="stripe",operation="refund",outcome="ok"} 1',
    );
    expect(text).toContain(
      'mentora_gateway_call_errors_total{provider="stripe",operation="refund",kind="retryable"} 1',
    );
    expect(
      text.filter((line) => line.startsWith("mentora_gateway_call_errors_total{")),
    ).toHaveLength(1);
  });
});

describe("timeGatewayCall", () => {
  it("records an ok call with its duration in seconds and returns the result", async () => {
    const { payments, lines } = setup();
    vi.spyOn(performance, "now").mockReturnValueOnce(1000).mockReturnValueOnce(3500);
    const result = await timeGatewayCall(payments, "stripe", "createCheckout", async () => 42);
    expect(result).toBe(42);
    const series = 'provider="stripe",operation="createCheckout",outcome="ok"';
    expect(await lines()).toEqual(
      expect.arrayContaining([
        `mentora_gateway_call_duration_seconds_bucket{le="1",${series}} 0`,
        `mentora_gateway_call_duration_seconds_bucket{le="2.5",${series}} 1`,
        `mentora_gateway_call_duration_seconds_sum{${series}} 2.5`,
        `mentora_gateway_call_duration_seconds_count{${series}} 1`,
      ]),
    );
    expect((await lines()).some((l) => l.startsWith("mentora_gateway_call_errors_total{"))).toBe(
      false,
    );
  });

  it("records a GatewayError by its kind and rethrows it unchanged", async () => {
    const { payments, lines } = setup();
    const error = new GatewayError("permanent", "stripe", "card_declined", "declined");
    await expect(
      timeGatewayCall(payments, "stripe", "refund", async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(await lines()).toEqual(
      expect.arrayContaining([
        'mentora_gateway_call_errors_total{provider="stripe",operation="refund",kind="permanent"} 1',
        'mentora_gateway_call_duration_seconds_count{provider="stripe",operation="refund",outcome="permanent"} 1',
      ]),
    );
  });

  it("counts an unknown error as indeterminate by default", async () => {
    const { payments, lines } = setup();
    const error = new TypeError("fetch failed");
    await expect(
      timeGatewayCall(payments, "paypal", "getPayment", () => Promise.reject(error)),
    ).rejects.toBe(error);
    expect(await lines()).toContain(
      'mentora_gateway_call_errors_total{provider="paypal",operation="getPayment",kind="indeterminate"} 1',
    );
  });

  it("uses the classifier given, and falls back to indeterminate if it throws", async () => {
    const { payments, lines } = setup();
    const error = new Error("boom");
    await expect(
      timeGatewayCall(
        payments,
        "konnect",
        "createPayout",
        () => Promise.reject(error),
        () => "retryable",
      ),
    ).rejects.toBe(error);
    await expect(
      timeGatewayCall(
        payments,
        "konnect",
        "createPayout",
        () => Promise.reject(error),
        () => {
          throw new Error("classifier bug");
        },
      ),
    ).rejects.toBe(error);
    expect(await lines()).toEqual(
      expect.arrayContaining([
        'mentora_gateway_call_errors_total{provider="konnect",operation="createPayout",kind="retryable"} 1',
        'mentora_gateway_call_errors_total{provider="konnect",operation="createPayout",kind="indeterminate"} 1',
      ]),
    );
  });
});

describe("classifyGatewayError", () => {
  it("reads GatewayError.kind and treats anything else as indeterminate", () => {
    expect(classifyGatewayError(new GatewayError("retryable", "p", "rate_limited", "429"))).toBe(
      "retryable",
    );
    expect(classifyGatewayError(new Error("x"))).toBe("indeterminate");
    expect(classifyGatewayError("not an error")).toBe("indeterminate");
  });
});

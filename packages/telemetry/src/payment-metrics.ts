import {
  type GatewayErrorKind,
  isGatewayError,
  type PaymentGateway,
  type WebhookVerificationError,
} from "@mentora/payment-gateway";
import type { Metrics } from "./metrics.ts";

/**
 * The PaymentGateway methods that reach the provider (parseWebhook is local and excluded).
 * Any string is accepted, but keep operation label values to these.
 */
export type GatewayOperation =
  | Exclude<keyof PaymentGateway, "id" | "capabilities" | "parseWebhook">
  | (string & {});

export type GatewayCallOutcome = "ok" | GatewayErrorKind;

/**
 * Why a webhook was refused before anything was stored: WebhookVerificationError's reason.
 * Any string is accepted, but keep the set small and fixed (it is a label value).
 */
export type WebhookRejectReason = WebhookVerificationError["reason"] | (string & {});

export const paymentMetricNames = {
  webhooksReceived: "mentora_webhooks_received_total",
  webhooksDuplicate: "mentora_webhooks_duplicate_total",
  webhooksRejected: "mentora_webhooks_rejected_total",
  webhooksFailed: "mentora_webhooks_failed_total",
  webhooksRetried: "mentora_webhooks_retried_total",
  webhooksDeadLettered: "mentora_webhooks_dead_lettered_total",
  gatewayCallDuration: "mentora_gateway_call_duration_seconds",
  gatewayCallErrors: "mentora_gateway_call_errors_total",
} as const;

/** Seconds. Provider calls run from tens of milliseconds up to their ~30 s timeouts. */
export const gatewayCallDurationBuckets: readonly number[] = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

export interface PaymentMetrics {
  /** A webhook request arrived for `provider` (counted before verification). */
  webhookReceived(provider: string): void;
  /** A verified webhook whose event we had already stored. */
  webhookDuplicate(provider: string): void;
  /** A webhook refused by verification (bad or missing signature, stale, malformed). */
  webhookRejected(provider: string, reason: WebhookRejectReason): void;
  /** A processing attempt failed (counted for every failed attempt). */
  webhookFailed(provider: string): void;
  /** A processing attempt other than the first started. */
  webhookRetried(provider: string): void;
  /** Processing gave up on an event after its last attempt. */
  webhookDeadLettered(provider: string): void;
  /**
   * One finished provider call: observes its duration and, unless `outcome` is "ok", also
   * counts it in mentora_gateway_call_errors_total with kind = outcome.
   */
  gatewayCall(
    provider: string,
    operation: GatewayOperation,
    outcome: GatewayCallOutcome,
    seconds: number,
  ): void;
}

export function createPaymentMetrics(metrics: Metrics): PaymentMetrics {
  const n = paymentMetricNames;
  const received = metrics.counter(n.webhooksReceived, "Webhook requests received.", ["provider"]);
  const duplicate = metrics.counter(
    n.webhooksDuplicate,
    "Verified webhooks whose event had already been stored.",
    ["provider"],
  );
  const rejected = metrics.counter(
    n.webhooksRejected,
    "Webhooks refused by signature, age or format verification.",
    ["provider", "reason"],
  );
  const failed = metrics.counter(n.webhooksFailed, "Failed webhook processing attempts.", [
    "provider",
  ]);
  const retried = metrics.counter(
    n.webhooksRetried,
    "Webhook processing attempts after the first.",
    ["provider"],
  );
  const deadLettered = metrics.counter(
    n.webhooksDeadLettered,
    "Webhook events given up on after their last attempt.",
    ["provider"],
  );
  const duration = metrics.histogram(
    n.gatewayCallDuration,
    "Duration of payment provider calls in seconds, by outcome.",
    ["provider", "operation", "outcome"],
    gatewayCallDurationBuckets,
  );
  const errors = metrics.counter(n.gatewayCallErrors, "Failed payment provider calls by kind.", [
    "provider",
    "operation",
    "kind",
  ]);

  return {
    webhookReceived: (provider) => received.inc({ provider }),
    webhookDuplicate: (provider) => duplicate.inc({ provider }),
    webhookRejected: (provider, reason) => rejected.inc({ provider, reason }),
    webhookFailed: (provider) => failed.inc({ provider }),
    webhookRetried: (provider) => retried.inc({ provider }),
    webhookDeadLettered: (provider) => deadLettered.inc({ provider }),
    gatewayCall(provider, operation, outcome, seconds) {
      duration.observe({ provider, operation, outcome }, seconds);
      if (outcome !== "ok") errors.inc({ provider, operation, kind: outcome });
    },
  };
}

/** GatewayError carries its kind; anything else thrown by a provider call is not understood. */
export function classifyGatewayError(error: unknown): GatewayErrorKind {
  // An unknown failure may have happened after the request left: never assume it did not.
  return isGatewayError(error) ? error.kind : "indeterminate";
}

/**
 * Runs one provider call, recording its duration and outcome; errors are counted by the kind
 * `classify` gives them and rethrown unchanged.
 */
export async function timeGatewayCall<T>(
  paymentMetrics: PaymentMetrics,
  provider: string,
  operation: GatewayOperation,
  fn: () => Promise<T>,
  classify: (error: unknown) => GatewayErrorKind = classifyGatewayError,
): Promise<T> {
  const start = performance.now();
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    let kind: GatewayErrorKind;
    try {
      kind = classify(error);
    } catch {
      kind = "indeterminate";
    }
    paymentMetrics.gatewayCall(provider, operation, kind, (performance.now() - start) / 1000);
    throw error;
  }
  paymentMetrics.gatewayCall(provider, operation, "ok", (performance.now() - start) / 1000);
  return result;
}

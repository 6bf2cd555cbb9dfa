import {
  type GatewayWebhookEvent,
  type Money,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
import type {
  SandboxPaymentRecord,
  SandboxPayoutRecord,
  SandboxRefundRecord,
} from "./sandbox-records.ts";

/** The JSON body of a sandbox webhook. */
export type SandboxEventPayload =
  | {
      id: string;
      type: "payment.succeeded" | "payment.failed" | "payment.expired";
      created: number;
      data: { providerPaymentId: string; paymentId: string; amount: Money };
    }
  | {
      id: string;
      type: "payment.refunded";
      created: number;
      /** amountRefunded is the payment's total refunded so far, this refund included. */
      data: { providerPaymentId: string; providerRefundId: string; amountRefunded: Money };
    }
  | {
      id: string;
      type: "payout.paid" | "payout.failed";
      created: number;
      data: { providerPayoutId: string; payoutId: string; failureReason?: string };
    };

const unix = (at: Date) => Math.floor(at.getTime() / 1000);

// Ids name the transition, and each transition happens once (guarded): redeliveries dedupe.
export function paymentEvent(
  record: SandboxPaymentRecord,
  outcome: "succeeded" | "failed" | "expired",
  at: Date,
): SandboxEventPayload {
  return {
    id: `sandbox:${record.id}:${outcome}`,
    type: `payment.${outcome}`,
    created: unix(at),
    data: { providerPaymentId: record.id, paymentId: record.paymentId, amount: record.amount },
  };
}

export function refundEvent(
  record: SandboxPaymentRecord,
  refund: SandboxRefundRecord,
  at: Date,
): SandboxEventPayload {
  const total = record.refunds.reduce((sum, r) => sum + r.amountMinor, 0);
  return {
    id: `sandbox:${refund.id}:refunded`,
    type: "payment.refunded",
    created: unix(at),
    data: {
      providerPaymentId: record.id,
      providerRefundId: refund.id,
      amountRefunded: { amountMinor: total, currency: record.amount.currency },
    },
  };
}

export function payoutEvent(payout: SandboxPayoutRecord, at: Date): SandboxEventPayload {
  return {
    id: `sandbox:${payout.id}:${payout.status}`,
    type: `payout.${payout.status}`,
    created: unix(at),
    data: {
      providerPayoutId: payout.id,
      payoutId: payout.payoutId,
      ...(payout.failureReason ? { failureReason: payout.failureReason } : {}),
    },
  };
}

function malformed(message: string): WebhookVerificationError {
  return new WebhookVerificationError("sandbox", "malformed", message);
}

const isMoney = (value: unknown): value is Money =>
  typeof (value as Money | null)?.currency === "string" &&
  Number.isSafeInteger((value as Money).amountMinor);

/** Turns a verified body into normalized events; unknown types are ignored (none returned). */
export function eventsFromPayload(rawBody: Uint8Array): GatewayWebhookEvent[] {
  let payload: Record<string, unknown>;
  try {
    // A view on the bytes, not a copy of them.
    const bytes = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
    payload = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
  } catch {
    throw malformed("Body is not JSON");
  }
  const { id: eventId, type, created, data } = payload ?? {};
  const fields = (data ?? {}) as Record<string, unknown>;
  if (typeof eventId !== "string" || typeof type !== "string" || !Number.isSafeInteger(created)) {
    throw malformed("Event without id, type or created");
  }
  const occurredAt = new Date((created as number) * 1000);
  const text = (key: string) => {
    const value = fields[key];
    if (typeof value !== "string" || !value) throw malformed(`Event without data.${key}`);
    return value;
  };
  switch (type) {
    case "payment.succeeded":
    case "payment.failed":
    case "payment.expired": {
      const amount = fields.amount;
      return [
        {
          type,
          eventId,
          providerPaymentId: text("providerPaymentId"),
          ...(isMoney(amount) ? { amount } : {}),
          occurredAt,
        },
      ];
    }
    case "payment.refunded": {
      const amountRefunded = fields.amountRefunded;
      if (!isMoney(amountRefunded)) throw malformed("Refund event without amountRefunded");
      return [
        {
          type,
          eventId,
          providerPaymentId: text("providerPaymentId"),
          providerRefundId: text("providerRefundId"),
          amountRefunded,
          occurredAt,
        },
      ];
    }
    case "payout.paid":
    case "payout.failed": {
      const reason = fields.failureReason;
      return [
        {
          type,
          eventId,
          providerPayoutId: text("providerPayoutId"),
          ...(typeof reason === "string" ? { failureReason: reason } : {}),
          occurredAt,
        },
      ];
    }
    default:
      return [];
  }
}

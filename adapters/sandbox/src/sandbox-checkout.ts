import { randomUUID } from "node:crypto";
import {
  type CheckoutSession,
  type CreateCheckoutInput,
  GatewayError,
  isSupportedCurrency,
} from "@mentora/payment-gateway";
import {
  defaultSandboxWebhookUrl,
  nowOf,
  type SandboxOptions,
  sandboxCheckoutUrl,
} from "./sandbox-options.ts";
import type { SandboxPaymentRecord } from "./sandbox-records.ts";
import { readStore, writeStore } from "./store-calls.ts";

const invalid = (code: string, message: string) =>
  new GatewayError("permanent", "sandbox", code, message);

function sessionOf(options: SandboxOptions, record: SandboxPaymentRecord): CheckoutSession {
  return {
    providerPaymentId: record.id,
    redirectUrl: sandboxCheckoutUrl(options, record.id),
    expiresAt: record.expiresAt,
  };
}

/** Idempotent on input.idempotencyKey: a retry, even after a lost answer, finds the same one. */
export async function createSandboxCheckout(
  options: SandboxOptions,
  input: CreateCheckoutInput,
): Promise<CheckoutSession> {
  const { amountMinor, currency } = input.amount;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || !isSupportedCurrency(currency)) {
    throw invalid("invalid_amount", "A checkout needs a positive amount in a supported currency");
  }
  if (!(input.expiresInMinutes > 0)) {
    throw invalid("invalid_request", "expiresInMinutes must be positive");
  }
  const sameRequest = (record: SandboxPaymentRecord) =>
    record.paymentId === input.paymentId &&
    record.amount.amountMinor === amountMinor &&
    record.amount.currency === currency;

  const earlier = await readStore(() =>
    options.store.findPaymentByIdempotencyKey(input.idempotencyKey),
  );
  const now = nowOf(options);
  const stored =
    earlier ??
    (await writeStore(() =>
      options.store.insertPayment({
        id: `sbx_pay_${randomUUID()}`,
        paymentId: input.paymentId,
        idempotencyKey: input.idempotencyKey,
        amount: { amountMinor, currency },
        description: input.description,
        status: "pending",
        refunds: [],
        expiresAt: new Date(now.getTime() + input.expiresInMinutes * 60_000),
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
        webhookUrl: input.webhookUrl ?? defaultSandboxWebhookUrl(options),
        createdAt: now,
        version: 1,
      }),
    ));
  if (!sameRequest(stored)) {
    throw invalid("idempotency_key_reused", "This checkout key was used for another payment");
  }
  return sessionOf(options, stored);
}

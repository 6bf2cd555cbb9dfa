import type { GatewayWebhookEvent } from "@mentora/payment-gateway";
import { z } from "zod";
import type { AppServices } from "../../app/types.ts";
import { defineJob } from "../../jobs/define.ts";
import { callGateway } from "../gateway-call.ts";
import { completeGatewayRefunds } from "../refunds/execute-refund.job.ts";
import { settlePayment } from "../settlement/settle-payment.ts";

const retryLimit = 8;
/** The first attempt plus pg-boss's retries: after the last, the event waits for a replay. */
export const webhookMaxAttempts = retryLimit + 1;

/**
 * Processes one stored event. Never trusts the event's body for money: it asks the provider
 * (getPayment) and settles from that answer, so order and duplicates do not matter. A failure
 * is recorded on the event and retried with backoff; after the last attempt the event is DEAD
 * (pg-boss's dead-letter queue keeps the job) and an admin can replay it.
 */
export const processWebhookJob = defineJob({
  name: "webhook.process",
  schema: z.object({ webhookEventId: z.string() }),
  queue: {
    retryLimit,
    retryDelay: 5,
    retryBackoff: true,
    // A worker killed mid-job stops heartbeating: the job is retried within about a minute
    // instead of after the 15-minute expiry (processing is idempotent, decision 018).
    heartbeatSeconds: 30,
    deadLetter: "webhook.process.dead",
  },
  async handle({ webhookEventId }, services) {
    await processWebhookEvent(services, webhookEventId);
  },
});

/** Event kinds another capability handles (payouts); registered by it, not known here. */
export type WebhookEventHandler = (
  services: AppServices,
  provider: string,
  event: GatewayWebhookEvent,
) => Promise<void>;

const extraHandlers = new Map<string, WebhookEventHandler>();

export function registerWebhookEventHandler(
  type: GatewayWebhookEvent["type"],
  handler: WebhookEventHandler,
): void {
  extraHandlers.set(type, handler);
}

export async function processWebhookEvent(
  services: AppServices,
  webhookEventId: string,
): Promise<void> {
  const { prisma, telemetry } = services;
  const row = await prisma.webhookEvent.update({
    where: { id: webhookEventId },
    data: { attempts: { increment: 1 } },
  });
  if (row.status === "PROCESSED") return;
  if (row.attempts > 1) telemetry.payments.webhookRetried(row.provider);
  try {
    await handleEvent(services, row.provider, row.payload as unknown as GatewayWebhookEvent);
    await prisma.webhookEvent.update({
      where: { id: row.id },
      data: { status: "PROCESSED", processedAt: new Date(), lastError: null },
    });
  } catch (error) {
    const dead = row.attempts >= webhookMaxAttempts;
    await prisma.webhookEvent.update({
      where: { id: row.id },
      data: { status: dead ? "DEAD" : "FAILED", lastError: describe(error) },
    });
    telemetry.payments.webhookFailed(row.provider);
    telemetry.recordFailure(`webhook:${row.provider}`);
    if (dead) telemetry.payments.webhookDeadLettered(row.provider);
    services.logger.warn(
      { err: error, webhookEventId: row.id, provider: row.provider, attempt: row.attempts, dead },
      "webhook event failed",
    );
    throw error;
  }
}

async function handleEvent(
  services: AppServices,
  provider: string,
  event: GatewayWebhookEvent,
): Promise<void> {
  switch (event.type) {
    case "payment.succeeded":
    case "payment.failed":
    case "payment.expired":
    case "payment.check":
    case "payment.refunded": {
      const payment = await services.prisma.payment.findUnique({
        where: {
          provider_providerPaymentId: { provider, providerPaymentId: event.providerPaymentId },
        },
      });
      // Our record may not carry the provider's id yet (the event raced the checkout's
      // answer): failing makes the job retry later, when it does.
      if (!payment) throw new Error(`no payment for ${provider} ${event.providerPaymentId}`);
      const gateway = services.gateways.get(provider);
      const truth = await callGateway(services, gateway, "getPayment", () =>
        gateway.getPayment(event.providerPaymentId),
      );
      await settlePayment(services, payment.id, truth);
      if (truth.amountRefunded.amountMinor > 0) {
        await completeGatewayRefunds(services, payment.id, truth.amountRefunded.amountMinor);
      }
      return;
    }
    default: {
      const handler = extraHandlers.get(event.type);
      if (!handler) {
        services.logger.info({ provider, type: event.type }, "webhook event type not handled");
        return;
      }
      await handler(services, provider, event);
    }
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}

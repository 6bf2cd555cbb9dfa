import type { GatewayWebhookEvent } from "@mentora/payment-gateway";
import type { AppServices } from "../../app/types.ts";
import { recordEvent } from "../../events/index.ts";
import { defineHandler } from "../../jobs/define.ts";
import { groupCommit } from "../../jobs/group-commit.ts";
import { publishToAdmins } from "../../realtime/index.ts";
import { webhookFailed } from "../events.ts";
import { callGateway } from "../gateway-call.ts";
import { completeGatewayRefunds } from "../refunds/execute-refund.job.ts";
import { settlePayment } from "../settlement/settle-payment.ts";
import {
  enqueueStoredWebhookEvents,
  webhookSweepBatch,
  webhookSweepEveryMs,
} from "./enqueue-webhook-events.ts";
import { processWebhookQueue, webhookMaxAttempts } from "./process-webhook.queue.ts";

/** The payment.* events, which this module settles itself. */
type PaymentEventType = Extract<GatewayWebhookEvent["type"], `payment.${string}`>;

/**
 * Handlers for the event kinds another capability owns (payouts, disputes), by type, each
 * receiving its own kind of event. Built explicitly where the worker is composed
 * (app/job-handlers.ts) and passed in: no module registers itself by being imported.
 */
export type WebhookEventHandlers = {
  [Type in Exclude<GatewayWebhookEvent["type"], PaymentEventType>]?: (
    services: AppServices,
    provider: string,
    event: GatewayWebhookEvent & { type: Type },
  ) => Promise<void>;
};

/**
 * Processes one stored event. Never trusts the event's body for money: it asks the provider
 * (getPayment) and settles from that answer, so order and duplicates do not matter. A failure
 * is recorded on the event and retried with backoff; after the last attempt the event is DEAD
 * (pg-boss's dead-letter queue keeps the job) and an admin can replay it.
 */
export function createProcessWebhookJob(eventHandlers: WebhookEventHandlers) {
  return defineHandler(
    processWebhookQueue,
    async ({ webhookEventId }, services: AppServices) => {
      await processWebhookEvent(services, webhookEventId, eventHandlers);
    },
    // Ingest stores only the event; the worker running this queue creates its job (070).
    {
      feed: {
        everyMs: webhookSweepEveryMs,
        limit: webhookSweepBatch,
        sweep: enqueueStoredWebhookEvents,
      },
    },
  );
}

type PaymentRow = NonNullable<Awaited<ReturnType<AppServices["prisma"]["payment"]["findUnique"]>>>;

/**
 * The three statements every event makes, group-committed across the jobs in flight (decision
 * 063): a storm's events count their attempt, find their payment and are marked PROCESSED a
 * flush at a time instead of one statement each. One set per database client (per app).
 */
function storageOf(prisma: AppServices["prisma"]) {
  return {
    /** Counts the attempt and answers the event as it is now. */
    countAttempt: groupCommit(
      async (ids: string[]) => {
        const rows = await prisma.webhookEvent.updateManyAndReturn({
          where: { id: { in: ids } },
          data: { attempts: { increment: 1 } },
        });
        return new Map(rows.map((row) => [row.id, row]));
      },
      { missing: (id) => new Error(`webhook event ${id} not found`) },
    ),
    /** The payment of a provider's payment id (key: JSON [provider, providerPaymentId]), if any. */
    paymentOf: groupCommit(
      async (keys: string[]) => {
        const wanted = keys.map((key) => {
          const [provider, providerPaymentId] = JSON.parse(key) as [string, string];
          return { provider, providerPaymentId };
        });
        const rows = await prisma.payment.findMany({ where: { OR: wanted } });
        return new Map<string, PaymentRow | undefined>(
          rows.map((row) => [JSON.stringify([row.provider, row.providerPaymentId]), row]),
        );
      },
      { shareDuplicates: true },
    ),
    /** A first try's success: nothing is published for it, so no transaction (decision 054). */
    markProcessed: groupCommit(async (ids: string[]) => {
      await prisma.webhookEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: "PROCESSED", processedAt: new Date(), lastError: null },
      });
      return new Map(ids.map((id) => [id, undefined]));
    }),
  };
}
type Storage = ReturnType<typeof storageOf>;
const storages = new WeakMap<AppServices["prisma"], Storage>();
function storage(services: AppServices): Storage {
  let found = storages.get(services.prisma);
  if (!found) {
    found = storageOf(services.prisma);
    storages.set(services.prisma, found);
  }
  return found;
}

export async function processWebhookEvent(
  services: AppServices,
  webhookEventId: string,
  eventHandlers: WebhookEventHandlers,
): Promise<void> {
  const { prisma, telemetry } = services;
  const store = storage(services);
  const row = await store.countAttempt(webhookEventId);
  if (row.status === "PROCESSED") return;
  if (row.attempts > 1) telemetry.payments.webhookRetried(row.provider);
  try {
    await handleEvent(
      services,
      store,
      row.provider,
      row.payload as unknown as GatewayWebhookEvent,
      eventHandlers,
    );
    if (row.attempts > 1) {
      const processed = { status: "PROCESSED", processedAt: new Date(), lastError: null } as const;
      await prisma.$transaction(async (tx) => {
        await tx.webhookEvent.update({ where: { id: row.id }, data: processed });
        // A retry that succeeded leaves the admins' failed list (first tries are not news).
        await publishToAdmins(tx, "admin.webhooks", row.id);
      });
    } else {
      // A first try tells nobody: no transaction (decision 054), one statement a flush (063).
      await store.markProcessed(row.id);
    }
  } catch (error) {
    const dead = row.attempts >= webhookMaxAttempts;
    await prisma.$transaction(async (tx) => {
      await tx.webhookEvent.update({
        where: { id: row.id },
        data: { status: dead ? "DEAD" : "FAILED", lastError: describe(error) },
      });
      // Only the last attempt tells people: retries are routine, a dead event needs a replay.
      if (dead) {
        await recordEvent(
          services,
          tx,
          webhookFailed.of({
            webhookEventId: row.id,
            provider: row.provider,
            attempts: row.attempts,
          }),
        );
      }
      await publishToAdmins(tx, "admin.webhooks", row.id);
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
  store: Storage,
  provider: string,
  event: GatewayWebhookEvent,
  eventHandlers: WebhookEventHandlers,
): Promise<void> {
  switch (event.type) {
    case "payment.succeeded":
    case "payment.failed":
    case "payment.expired":
    case "payment.check":
    case "payment.refunded": {
      const payment = await store.paymentOf(JSON.stringify([provider, event.providerPaymentId]));
      // Our record may not carry the provider's id yet (the event raced the checkout's
      // answer): failing makes the job retry later, when it does.
      if (!payment) throw new Error(`no payment for ${provider} ${event.providerPaymentId}`);
      const gateway = services.gateways.get(provider);
      const truth = await callGateway(services, gateway, "getPayment", () =>
        gateway.getPayment(event.providerPaymentId),
      );
      // The row read above: a resend of a settled payment settles nothing, without a lock.
      await settlePayment(services, payment.id, truth, new Date(), payment);
      if (truth.amountRefunded.amountMinor > 0) {
        await completeGatewayRefunds(services, payment.id, truth.amountRefunded.amountMinor);
      }
      return;
    }
    default: {
      // The map is typed per event kind; TypeScript cannot tie a looked-up entry to this
      // event's kind, so the entry is widened to the event union it is called with.
      const handler = eventHandlers[event.type] as
        | ((services: AppServices, provider: string, event: GatewayWebhookEvent) => Promise<void>)
        | undefined;
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

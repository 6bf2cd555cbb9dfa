import type { GatewayWebhookEvent } from "@mentora/payment-gateway";
import type { AppServices } from "../../app/types.ts";
import { recordEvent } from "../../events/index.ts";
import { defineHandler } from "../../jobs/define.ts";
import { groupCommit } from "../../jobs/group-commit.ts";
import { publishToAdmins } from "../../realtime/index.ts";
import { webhookFailed } from "../events.ts";
import { callGateway } from "../gateway-call.ts";
import { completeGatewayRefunds } from "../refunds/execute-refund.job.ts";
import { type SeenPayment, settlePayment } from "../settlement/settle-payment.ts";
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

/** An event as its job needs it, with its attempt counted, and the payment it names (if any). */
interface TakenEvent {
  id: string;
  provider: string;
  status: string;
  attempts: number;
  payload: GatewayWebhookEvent;
  /** Read without a lock in the same statement (decision 054: only a "nothing changes" hint). */
  payment: SeenPayment | undefined;
}

/**
 * The two statements every event makes, group-committed across the jobs in flight (decisions
 * 063, 079), on the app's pg pool as prepared statements (no query compiler per flush). One set
 * per pool (per app).
 */
function storageOf(pool: AppServices["pool"]) {
  return {
    /**
     * Counts the attempt and answers the event as it is now, with the payment its
     * providerPaymentId names read in the same statement (before 079: two statements, two round
     * trips one after the other). Only the columns the job reads: not the raw body. LATERAL with
     * LIMIT 1 (never flattened into a join): one probe of the unique (provider,
     * providerPaymentId) index per event, never a hash join over every payment of the platform.
     */
    take: groupCommit(
      async (ids: string[]) => {
        const { rows } = await pool.query<{
          id: string;
          provider: string;
          status: string;
          attempts: number;
          payload: GatewayWebhookEvent;
          paymentId: string | null;
          paymentStatus: SeenPayment["status"] | null;
          providerPaymentId: string | null;
          gatewayAmountMinor: number | null;
          currency: string | null;
        }>({
          name: "webhook-process-take",
          text: `WITH counted AS (
              UPDATE webhook_event SET attempts = attempts + 1 WHERE id = ANY($1::text[])
              RETURNING id, provider, status::text AS status, attempts, payload)
            SELECT c.*, p.id AS "paymentId", p.status::text AS "paymentStatus",
              p."providerPaymentId", p."gatewayAmountMinor", p.currency
            FROM counted c LEFT JOIN LATERAL (
              SELECT id, status, "providerPaymentId", "gatewayAmountMinor", currency FROM payment
              WHERE provider = c.provider AND "providerPaymentId" = c.payload->>'providerPaymentId'
              LIMIT 1
            ) p ON true`,
          values: [ids],
        });
        return new Map(
          rows.map((row): [string, TakenEvent] => [
            row.id,
            {
              id: row.id,
              provider: row.provider,
              status: row.status,
              attempts: row.attempts,
              payload: row.payload,
              payment:
                row.paymentId && row.paymentStatus
                  ? {
                      id: row.paymentId,
                      status: row.paymentStatus,
                      providerPaymentId: row.providerPaymentId,
                      gatewayAmountMinor: row.gatewayAmountMinor ?? 0,
                      currency: row.currency ?? "",
                    }
                  : undefined,
            },
          ]),
        );
      },
      { missing: (id) => new Error(`webhook event ${id} not found`) },
    ),
    /** A first try's success: nothing is published for it, so no transaction (decision 054). */
    markProcessed: groupCommit(async (ids: string[]) => {
      await pool.query({
        name: "webhook-process-mark-processed",
        text: `UPDATE webhook_event
          SET status = 'PROCESSED', "processedAt" = now(), "lastError" = NULL
          WHERE id = ANY($1::text[])`,
        values: [ids],
      });
      return new Map(ids.map((id) => [id, undefined]));
    }),
  };
}
type Storage = ReturnType<typeof storageOf>;
const storages = new WeakMap<AppServices["pool"], Storage>();
function storage(services: AppServices): Storage {
  let found = storages.get(services.pool);
  if (!found) {
    found = storageOf(services.pool);
    storages.set(services.pool, found);
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
  const row = await store.take(webhookEventId);
  if (row.status === "PROCESSED") return;
  if (row.attempts > 1) telemetry.payments.webhookRetried(row.provider);
  try {
    await handleEvent(services, row, eventHandlers);
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
  { provider, payload: event, payment }: TakenEvent,
  eventHandlers: WebhookEventHandlers,
): Promise<void> {
  switch (event.type) {
    case "payment.succeeded":
    case "payment.failed":
    case "payment.expired":
    case "payment.check":
    case "payment.refunded": {
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

import { randomUUID } from "node:crypto";
import type { Prisma } from "@mentora/db";
import { renderWebhookEndpointDisabled } from "@mentora/email";
import type { Locale } from "@mentora/i18n";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { writeAudit } from "../audit/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import type { DomainEvent } from "../events/index.ts";
import { enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { webhookDeliverQueue } from "./deliver.queue.ts";
import { type EndpointActor, findEndpointFor } from "./endpoints.ts";
import { payloadOf, payloadVersion, type WebhookPayload } from "./payload.ts";
import { delayAfterAttempt } from "./retry-schedule.ts";
import { sendWebhook } from "./send.ts";
import { signatureHeader, signWebhookPayload } from "./signature.ts";

type Tx = Prisma.TransactionClient;

/** Plans attempt `attempt` of a delivery; the id makes a second plan of the same attempt a no-op. */
async function planAttempt(
  services: Pick<AppServices, "boss">,
  tx: Tx,
  deliveryId: string,
  attempt: number,
  startAfter?: Date,
) {
  await enqueue(
    services.boss,
    webhookDeliverQueue,
    { deliveryId, attempt },
    {
      db: fromPrisma(tx),
      id: deterministicJobId(webhookDeliverQueue.name, deliveryId, attempt),
      ...(startAfter ? { startAfter } : {}),
    },
  );
}

/**
 * The `onEvent` subscriber (app/subscriptions.ts): one delivery per enabled endpoint that wants
 * this event type and may see it (every platform endpoint; a mentor's endpoints only for their
 * own bookings, payments and payouts), with its first attempt, in one transaction. The unique
 * (endpoint, event, replay 0) makes a second run of this job add nothing.
 */
export async function fanOutEvent(services: AppServices, event: DomainEvent): Promise<number> {
  // Most events find no endpoint at all: one cheap query before reading the event's objects.
  const any = await services.prisma.webhookEndpoint.findFirst({
    where: { enabled: true, events: { has: event.type } },
    select: { id: true },
  });
  if (!any) return 0;
  const routed = await payloadOf(services.prisma, event);
  if (!routed) return 0;
  const endpoints = await services.prisma.webhookEndpoint.findMany({
    where: {
      enabled: true,
      events: { has: event.type },
      OR: [
        { scope: "PLATFORM" },
        ...(routed.mentorId ? [{ scope: "MENTOR" as const, ownerId: routed.mentorId }] : []),
      ],
    },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  return services.prisma.$transaction(async (tx) => {
    const created = await tx.webhookDelivery.createManyAndReturn({
      data: endpoints.map((endpoint) => ({
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        payload: routed.payload as unknown as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    for (const delivery of created) await planAttempt(services, tx, delivery.id, 1);
    return created.length;
  });
}

/** How long a claimed attempt may look in flight before another run may take it over (a crash). */
const staleClaimMs = (timeoutMs: number) => timeoutMs + 60_000;

/**
 * One attempt (the `webhook-endpoint.deliver` job): claims it (a guarded transition on the
 * attempt counter, so a duplicate job sends nothing), re-checks the endpoint, signs and POSTs the
 * body, records the outcome and plans the next attempt or marks the delivery FAILED. An endpoint
 * failing for longer than WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS is turned off, its owner e-mailed.
 */
export async function attemptDelivery(
  services: AppServices,
  deliveryId: string,
  attempt: number,
  now = new Date(),
): Promise<"sent" | "failed" | "skipped"> {
  const { prisma, config, logger } = services;
  const settings = config.webhookEndpoints;
  const claimed = await prisma.webhookDelivery.updateMany({
    where: {
      id: deliveryId,
      status: "PENDING",
      OR: [
        { attempts: attempt - 1 },
        {
          attempts: attempt,
          lastAttemptAt: { lt: new Date(now.getTime() - staleClaimMs(settings.timeoutMs)) },
        },
      ],
    },
    data: { attempts: attempt, lastAttemptAt: now, nextAttemptAt: null },
  });
  if (claimed.count === 0) return "skipped";
  const delivery = await prisma.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { endpoint: true },
  });
  const { endpoint } = delivery;
  if (!endpoint.enabled) {
    await prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "FAILED", lastError: "endpoint disabled" },
    });
    return "failed";
  }
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await sendWebhook({
    url: endpoint.url,
    body,
    headers: {
      [signatureHeader]: signWebhookPayload(endpoint.secret, body, timestamp),
      "Mentora-Event-Id": delivery.eventId,
      "Mentora-Event-Type": delivery.eventType,
      "Mentora-Delivery-Id": delivery.id,
    },
    timeoutMs: settings.timeoutMs,
    policy: settings.urlPolicy,
  });
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const finishedAt = new Date();
  const outcome = {
    lastStatusCode: result.statusCode,
    lastDurationMs: result.durationMs,
    lastError: ok ? null : (result.error ?? `HTTP ${result.statusCode}`),
    lastResponseBody: result.responseBody,
  };
  logger.info(
    {
      deliveryId,
      endpointId: endpoint.id,
      eventId: delivery.eventId,
      attempt,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      error: result.error,
      // A receiver's answer can be anything: the log keeps its start only.
      responseBody: result.responseBody?.slice(0, 200),
    },
    ok ? "webhook delivered" : "webhook attempt failed",
  );
  if (ok) {
    await prisma.$transaction([
      prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: { ...outcome, status: "SUCCEEDED", deliveredAt: finishedAt },
      }),
      // Only when it was failing: a burst of deliveries to one endpoint would otherwise write
      // (and queue on the lock of) the same endpoint row once per delivery (decision 054).
      prisma.webhookEndpoint.updateMany({
        where: { id: endpoint.id, failingSince: { not: null } },
        data: { failingSince: null },
      }),
    ]);
    return "sent";
  }
  const delay = delayAfterAttempt(attempt);
  const failingSince = endpoint.failingSince ?? finishedAt;
  const disable =
    finishedAt.getTime() - failingSince.getTime() >= settings.disableAfterHours * 3_600_000;
  await prisma.$transaction(async (tx) => {
    const nextAttemptAt = delay === null || disable ? null : new Date(finishedAt.getTime() + delay);
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { ...outcome, status: nextAttemptAt ? "PENDING" : "FAILED", nextAttemptAt },
    });
    if (nextAttemptAt) await planAttempt(services, tx, deliveryId, attempt + 1, nextAttemptAt);
    // Only the run that turns it off (enabled: true in the guard) e-mails its owner.
    const turnedOff = disable
      ? await tx.webhookEndpoint.updateMany({
          where: { id: endpoint.id, enabled: true },
          data: { enabled: false, disabledReason: "FAILING", failingSince },
        })
      : await tx.webhookEndpoint.updateMany({
          where: { id: endpoint.id, failingSince: null },
          data: { failingSince },
        });
    if (disable && turnedOff.count === 1) {
      await emailDisabledEndpointOwner(services, tx, endpoint, failingSince);
      logger.warn({ endpointId: endpoint.id, failingSince }, "webhook endpoint disabled: failing");
    }
  });
  return "failed";
}

async function emailDisabledEndpointOwner(
  services: AppServices,
  tx: Tx,
  endpoint: { id: string; url: string; scope: string; ownerId: string },
  failingSince: Date,
) {
  const owner = await tx.user.findUnique({
    where: { id: endpoint.ownerId },
    select: { email: true, name: true, locale: true, deletedAt: true },
  });
  if (!owner || owner.deletedAt) return;
  const path =
    endpoint.scope === "PLATFORM"
      ? `/admin/webhook-endpoints/${endpoint.id}`
      : `/mentor/webhooks/${endpoint.id}`;
  const email = renderWebhookEndpointDisabled({
    locale: (owner.locale ?? "en") as Locale,
    name: owner.name,
    endpointUrl: endpoint.url,
    failingSince,
    manageUrl: new URL(path, services.config.app.publicUrl).toString(),
  });
  await enqueue(
    services.boss,
    sendEmailQueue,
    { to: owner.email, ...email },
    { db: fromPrisma(tx) },
  );
}

/** Locks the endpoint row: replays of one endpoint number themselves one at a time. */
async function lockEndpoint(tx: Tx, endpointId: string) {
  await tx.$queryRaw`SELECT id FROM webhook_endpoint WHERE id = ${endpointId} FOR UPDATE`;
}

/**
 * Sends a delivery's event again: a new delivery row with the same event id and payload (the
 * receiver's dedupe by event id still works) and the next replay number. Audit-logged for admins.
 */
export async function replayDelivery(
  services: AppServices,
  actor: EndpointActor,
  deliveryId: string,
) {
  const original = await services.prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
  });
  if (!original) throw new AppError("NOT_FOUND");
  const endpoint = await findEndpointFor(services, actor, original.endpointId);
  if (!endpoint.enabled) throw new AppError("WEBHOOK_ENDPOINT_DISABLED");
  return services.prisma.$transaction(async (tx) => {
    await lockEndpoint(tx, endpoint.id);
    const last = await tx.webhookDelivery.findFirst({
      where: { endpointId: endpoint.id, eventId: original.eventId },
      orderBy: { replay: "desc" },
      select: { replay: true },
    });
    const replay = await tx.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: original.eventId,
        eventType: original.eventType,
        replay: (last?.replay ?? 0) + 1,
        payload: original.payload as Prisma.InputJsonValue,
      },
    });
    await planAttempt(services, tx, replay.id, 1);
    if (actor.role === "ADMIN") {
      await writeAudit(tx, actor.audit, {
        action: "webhook-endpoint.replay",
        targetType: "webhook_delivery",
        targetId: original.id,
        details: { endpointId: endpoint.id, eventId: original.eventId, replayId: replay.id },
      });
    }
    return replay;
  });
}

/** Sends an `endpoint.test` event to one endpoint (its own event id), through the same job. */
export async function sendTestEvent(
  services: AppServices,
  actor: EndpointActor,
  endpointId: string,
) {
  const endpoint = await findEndpointFor(services, actor, endpointId);
  if (!endpoint.enabled) throw new AppError("WEBHOOK_ENDPOINT_DISABLED");
  const payload: WebhookPayload = {
    id: randomUUID(),
    type: "endpoint.test",
    version: payloadVersion,
    created: Math.floor(Date.now() / 1000),
    data: { endpoint: { id: endpoint.id, url: endpoint.url } },
  };
  return services.prisma.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: payload.id,
        eventType: payload.type,
        payload: payload as unknown as Prisma.InputJsonValue,
      },
    });
    await planAttempt(services, tx, delivery.id, 1);
    return delivery;
  });
}

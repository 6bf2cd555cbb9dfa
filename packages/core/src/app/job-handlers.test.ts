// The worker's handler map and the declared queues are one to one, and webhook.process hands
// payout and dispute events to their handlers through the map composed here (no import that
// registers something by side effect).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { handleDisputeEvent } from "../disputes/index.ts";
import { defineHandler, defineQueue } from "../jobs/define.ts";
import { handlerMapProblems } from "../jobs/handler-map.ts";
import { handlePayoutAccountEvent, handlePayoutEvent } from "../payouts/index.ts";
import { createTestApp } from "../testing/index.ts";
import type { App } from "./index.ts";
import { createProcessWebhookJob, jobHandlers, webhookEventHandlers } from "./job-handlers.ts";
import { jobQueues } from "./job-queues.ts";

const queue = (name: string) => defineQueue({ name, schema: z.object({}), queue: {} });
const handlerOf = (contract: ReturnType<typeof queue>) => defineHandler(contract, async () => {});

describe("the worker's handler map", () => {
  it("has exactly one handler, built from its contract, for every declared queue", () => {
    expect(handlerMapProblems(jobQueues, jobHandlers)).toEqual([]);
    expect(jobHandlers.map((handler) => handler.name).sort()).toEqual(
      jobQueues.map((contract) => contract.name).sort(),
    );
  });

  it("reports a queue without handler, a handler without queue, and a name used twice", () => {
    const a = queue("test.a");
    const b = queue("test.b");
    expect(handlerMapProblems([a], [])).toEqual(["queue test.a has no handler"]);
    expect(handlerMapProblems([a], [handlerOf(a), handlerOf(b)])).toEqual([
      "handler test.b has no declared queue",
    ]);
    expect(handlerMapProblems([a, a], [handlerOf(a)])).toEqual(["queue test.a is declared twice"]);
    expect(handlerMapProblems([a], [handlerOf(a), handlerOf(a)])).toEqual([
      "queue test.a has two handlers",
    ]);
    // Same name, another copy of the contract: producers and worker could validate differently.
    expect(handlerMapProblems([a], [handlerOf(queue("test.a"))])).toEqual([
      "the handler of test.a is not built from its declared contract",
    ]);
  });

  it("hands payout, payout account and dispute webhook events to their capabilities", () => {
    expect(webhookEventHandlers).toEqual({
      "payout.paid": handlePayoutEvent,
      "payout.failed": handlePayoutEvent,
      "dispute.opened": handleDisputeEvent,
      "dispute.closed": handleDisputeEvent,
      "payout_account.updated": handlePayoutAccountEvent,
    });
  });
});

describe("webhook.process with an explicit event handler map", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  async function storedEvent(event: { type: string } & Record<string, string>) {
    const row = await app.prisma.webhookEvent.create({
      data: {
        provider: "sandbox",
        eventId: randomUUID(),
        type: event.type,
        payload: event,
        rawBody: JSON.stringify(event),
      },
    });
    return row.id;
  }

  it("calls the handler of the event's type with the stored event, and marks it processed", async () => {
    const onPayoutPaid = vi.fn(async () => {});
    const job = createProcessWebhookJob({ "payout.paid": onPayoutPaid });
    const event = { type: "payout.paid", eventId: "ev-1", providerPayoutId: "po_1" };
    const id = await storedEvent(event);

    await job.run({ webhookEventId: id }, app, { jobId: randomUUID() });

    expect(onPayoutPaid).toHaveBeenCalledTimes(1);
    expect(onPayoutPaid).toHaveBeenCalledWith(app, "sandbox", expect.objectContaining(event));
    const row = await app.prisma.webhookEvent.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PROCESSED");
  });

  it("leaves an event whose type has no handler processed, without calling another one", async () => {
    const onPayoutPaid = vi.fn(async () => {});
    const job = createProcessWebhookJob({ "payout.paid": onPayoutPaid });
    const id = await storedEvent({ type: "payout.failed", eventId: "ev-2", providerPayoutId: "p" });

    await job.run({ webhookEventId: id }, app, { jobId: randomUUID() });

    expect(onPayoutPaid).not.toHaveBeenCalled();
    const row = await app.prisma.webhookEvent.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PROCESSED");
  });

  it("refuses job data that does not match the queue's schema before touching anything", async () => {
    const job = createProcessWebhookJob({});
    await expect(job.run({ webhookEventId: 42 }, app, { jobId: randomUUID() })).rejects.toThrow(
      z.ZodError,
    );
  });
});

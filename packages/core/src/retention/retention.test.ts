import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { runRetention } from "./retention.job.ts";

let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp({ RETENTION_WEBHOOK_DAYS: "90", RETENTION_SESSION_DAYS: "30" });
});
afterAll(async () => {
  await app?.close();
});

const day = 86_400_000;

describe("retention", () => {
  it("deletes old processed webhooks and callbacks and long-expired sessions; keeps the rest and the money", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * day);
    const webhook = (eventId: string, status: "PROCESSED" | "DEAD", receivedAt: Date) =>
      app.prisma.webhookEvent.create({
        data: {
          provider: "stripe",
          eventId,
          type: "payment.succeeded",
          payload: {},
          rawBody: "{}",
          status,
          receivedAt,
        },
      });
    const oldProcessed = await webhook("evt_old", "PROCESSED", ago(91));
    const oldDead = await webhook("evt_dead", "DEAD", ago(200));
    const recent = await webhook("evt_recent", "PROCESSED", ago(89));
    const callback = (eventId: string, receivedAt: Date) =>
      app.prisma.videoCallbackEvent.create({
        data: {
          provider: "twilio",
          eventId,
          type: "participant-connected",
          payload: {},
          status: "PROCESSED",
          receivedAt,
        },
      });
    const oldCallback = await callback("cb_old", ago(120));
    const recentCallback = await callback("cb_recent", ago(10));
    const user = await createUser(app, "Retained User");
    const session = (id: string, expiresAt: Date) =>
      app.prisma.session.create({
        data: { id, token: `token-${id}`, userId: user.id, expiresAt },
      });
    await session("s-long-expired", ago(31));
    await session("s-just-expired", ago(29));
    await session("s-live", new Date(now.getTime() + day));
    const notification = (dedupeKey: string, createdAt: Date) =>
      app.prisma.notification.create({
        data: {
          recipientId: user.id,
          kind: "PAYMENT_SUCCEEDED",
          subjectId: dedupeKey,
          data: { path: "/receipts" },
          dedupeKey,
          createdAt,
        },
      });
    await notification("n-old", ago(366));
    await notification("n-kept", ago(364));
    const ledgerBefore = await app.prisma.ledgerEntry.count();
    const message = (ref: string, createdAt: Date) =>
      app.prisma.realtimeMessage.create({
        data: { userId: user.id, topic: "payment", ref, createdAt },
      });
    await message("rt-old", ago(8));
    await message("rt-recent", ago(6));

    expect(await runRetention(app, now)).toEqual({
      webhookEvents: 1,
      videoCallbacks: 1,
      sessions: 1,
      notifications: 1,
      realtimeMessages: 1,
    });
    const refs = await app.prisma.realtimeMessage.findMany({
      where: { userId: user.id },
      select: { ref: true },
    });
    expect(refs.map((row) => row.ref)).toEqual(["rt-recent"]);
    const webhookIds = (await app.prisma.webhookEvent.findMany({ select: { id: true } })).map(
      (row) => row.id,
    );
    expect(webhookIds).not.toContain(oldProcessed.id);
    expect(webhookIds).toEqual(expect.arrayContaining([oldDead.id, recent.id]));
    const callbackIds = (
      await app.prisma.videoCallbackEvent.findMany({ select: { id: true } })
    ).map((row) => row.id);
    expect(callbackIds).not.toContain(oldCallback.id);
    expect(callbackIds).toContain(recentCallback.id);
    const sessionIds = (
      await app.prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })
    ).map((row) => row.id);
    expect(sessionIds.sort()).toEqual(["s-just-expired", "s-live"]);
    expect(
      (await app.prisma.notification.findMany({ where: { recipientId: user.id } })).map(
        (row) => row.dedupeKey,
      ),
    ).toEqual(["n-kept"]);
    expect(await app.prisma.ledgerEntry.count()).toBe(ledgerBefore);
    // Running again deletes nothing more.
    expect(await runRetention(app, now)).toEqual({
      webhookEvents: 0,
      videoCallbacks: 0,
      sessions: 0,
      notifications: 0,
      realtimeMessages: 0,
    });
  });
});

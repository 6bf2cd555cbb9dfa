import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { runNode } from "@mentora/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventDeliverJob, executePayoutJob } from "../app/job-handlers.ts";
import { cancelSessionByMentor } from "../bookings/index.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import {
  completeEndedSessions,
  earningsReleased,
  releaseBookingEarnings,
} from "../earnings/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { eventIdOf } from "../events/index.ts";
import { startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig, drainJobs } from "../payments/testing/payments-rig.ts";
import { payoutPaid } from "../payouts/index.ts";
import {
  callerAs,
  createAdmin,
  mentorBalances,
  setSandboxMethod,
} from "../payouts/testing/payouts-rig.ts";
import { contextFor, TEST_ORIGIN } from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import {
  activityFeed,
  backfillActivity,
  bookingPeople,
  feed,
  mentorOf,
  writeActivityEntries,
} from "./index.ts";

const mentoraCli = fileURLToPath(new URL("../../../../scripts/mentora.ts", import.meta.url));

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let adminId: string;
beforeAll(async () => {
  rig = await createPaymentsRig({ EARNINGS_HOLD_HOURS: "0" });
  adminId = (await createAdmin(rig.app)).id;
});
afterAll(async () => {
  await rig?.app.close();
});

/** Runs the activity subscribers (and the payouts' execution) the way the worker would. */
const deliver = () => drainJobs(rig.app, [eventDeliverJob, executePayoutJob]);

/** A booking of the 50 EUR offering paid from the wallet: confirmed at once. */
async function paidBooking() {
  const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
  const { paymentId } = await startBookingPayment(rig.app, {
    bookingId: booking.id,
    userId: mentee.id,
  });
  return { mentee, booking, paymentId };
}

let hoursAgo = 3;
async function endInThePast(sessionId: string) {
  hoursAgo += 3;
  const startsAt = new Date(Date.now() - hoursAgo * 3_600_000);
  await rig.app.prisma.mentoringSession.update({
    where: { id: sessionId },
    data: {
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      blockedUntil: new Date(startsAt.getTime() + 4_500_000),
    },
  });
}

/** A caller signed in as this user, in their profile's time zone (as the HTTP edge makes it). */
async function callerIn(userId: string) {
  const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const context = await contextFor(rig.app, user.timezone ? { "x-timezone": user.timezone } : {});
  return createCaller({
    ...context,
    session: { user, session: { id: `s-${userId}`, userId, createdAt: new Date() } },
  } as never);
}

const feedOf = async (userId: string, input: Record<string, unknown> = {}) =>
  (await callerIn(userId)).activity.mine({ limit: 100, ...input });

/** The feed as (event type, kind) pairs, newest first, limited to what these ids are about. */
const linesOf = (items: { eventType: string; kind: string }[]) =>
  items.map((item) => `${item.eventType}:${item.kind}`);

const flow: { menteeId?: string; cancelledMenteeId?: string; mentorId?: string } = {};

describe("a mentee's feed", () => {
  it("shows the session booked, its payment, the cancellation and the refund; the mentor's shows bookings and cancellations", async () => {
    const { mentee, booking, paymentId } = await paidBooking();
    flow.cancelledMenteeId = mentee.id;
    await cancelSessionByMentor(rig.app, {
      sessionId: booking.sessionId,
      mentorId: rig.fixture.mentor.id,
    });
    expect(await deliver()).toBeGreaterThan(0);

    const feed = await feedOf(mentee.id);
    expect(linesOf(feed.items).sort()).toEqual(
      [
        "booking.cancelled:session",
        "booking.confirmed:session",
        "payment.refunded:refund",
        "payment.settled:payment",
      ].sort(),
    );
    const payment = feed.items.find((item) => item.eventType === "payment.settled");
    expect(payment).toMatchObject({
      amount: { minor: 5_000, currency: "EUR" },
      paymentId,
      session: {
        bookingId: booking.id,
        title: "Code review",
        status: "CANCELLED",
        upcoming: false,
        mentor: { id: rig.fixture.mentor.id, name: "Maëlle Mentor" },
      },
    });
    expect(feed.items.find((item) => item.kind === "refund")?.amount).toEqual({
      minor: 5_000,
      currency: "EUR",
    });
    // Newest first.
    const times = feed.items.map((item) => item.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const mentorFeed = await feedOf(rig.fixture.mentor.id, { limit: 100 });
    const aboutThisBooking = mentorFeed.items.filter(
      (item) => item.session?.bookingId === booking.id,
    );
    expect(linesOf(aboutThisBooking).sort()).toEqual(
      ["booking.cancelled:cancellation", "booking.confirmed:booking"].sort(),
    );
    expect(aboutThisBooking[0]?.session?.menteeName).toBe("Jeanne Mentee");
    // Payments and refunds are the payer's, never the mentor's.
    expect(mentorFeed.items.some((item) => item.kind === "payment" || item.kind === "refund")).toBe(
      false,
    );

    // Each person's open pages were told, in the projecting transaction.
    const told = await rig.app.prisma.realtimeMessage.findMany({
      where: { userId: { in: [mentee.id, adminId] }, topic: "activity" },
    });
    expect(told.filter((message) => message.userId === mentee.id).length).toBeGreaterThanOrEqual(4);
    expect(told.some((message) => message.userId === adminId)).toBe(true);
  });

  it("a replayed delivery writes nothing twice", async () => {
    const before = await rig.app.prisma.activityEntry.count();
    const events = await rig.app.prisma.domainEvent.findMany({ take: 20 });
    await rig.app.prisma.$transaction(async (tx) => {
      for (const event of events) {
        await writeActivityEntries(tx, { ...event, occurredAt: event.occurredAt.toISOString() });
      }
    });
    expect(await rig.app.prisma.activityEntry.count()).toBe(before);
  });
});

describe("a mentor's feed", () => {
  it("shows the completed session, the earnings released and the payout paid; the mentee's shows the session as previous", async () => {
    const { mentee, booking } = await paidBooking();
    flow.menteeId = mentee.id;
    flow.mentorId = rig.fixture.mentor.id;
    await endInThePast(booking.sessionId);
    await completeEndedSessions(rig.app);
    expect((await releaseBookingEarnings(rig.app, booking.id)).releasedMinor).toBeGreaterThan(0);
    const mentorId = rig.fixture.mentor.id;
    await setSandboxMethod(rig.app, mentorId);
    const { available } = await mentorBalances(rig.app, mentorId);
    const mentor = await callerAs(rig.app, mentorId);
    const payout = await mentor.payouts.request({
      currency: "EUR",
      amountMinor: Number(available),
    });
    await (await callerAs(rig.app, adminId)).admin.payouts.approve({ payoutIds: [payout.id] });
    await deliver();
    expect(
      (await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status,
    ).toBe("PAID");

    const feed = await feedOf(mentorId);
    const paid = feed.items.find((item) => item.eventType === "payout.paid");
    expect(paid).toMatchObject({
      kind: "payout",
      payoutId: payout.id,
      amount: { minor: Number(available), currency: "EUR" },
    });
    const earnings = feed.items.find((item) => item.eventType === "earnings.released");
    expect(earnings).toMatchObject({ kind: "earnings", session: { bookingId: booking.id } });
    expect(
      feed.items.some(
        (item) => item.eventType === "session.completed" && item.session?.id === booking.sessionId,
      ),
    ).toBe(true);

    // Filter by kind: the mentor's payouts only.
    const payouts = await feedOf(mentorId, { kind: "payout" });
    expect(payouts.items.map((item) => item.kind)).toEqual(["payout"]);

    const menteeFeed = await feedOf(mentee.id);
    expect(linesOf(menteeFeed.items).sort()).toEqual(
      ["booking.confirmed:session", "payment.settled:payment", "session.completed:session"].sort(),
    );
    const completed = menteeFeed.items.find((item) => item.eventType === "session.completed");
    expect(completed?.session).toMatchObject({
      upcoming: false,
      status: "COMPLETED",
      mentor: { id: mentorId },
    });
    // Nothing of the mentor's money is in the mentee's feed.
    expect(menteeFeed.items.some((item) => ["earnings", "payout"].includes(item.kind))).toBe(false);
  });
});

describe("the admins' platform feed", () => {
  it("holds every person's events and puts what waits for a decision first", async () => {
    const admin = await callerAs(rig.app, adminId);
    const platform = await admin.admin.activity.feed({ limit: 100 });
    const kinds = new Set(platform.items.map((item) => item.kind));
    for (const kind of ["booking", "payment", "cancellation", "refund", "payout", "earnings"]) {
      expect(kinds).toContain(kind);
    }
    // Waiting for a decision: a requested payout, a dead webhook, an open dispute, a review.
    const mentor = await createUser(rig.app, "Waiting Mentor");
    await rig.app.prisma.payout.create({
      data: {
        mentorId: mentor.id,
        currency: "EUR",
        amountMinor: 1_000,
        method: "SANDBOX",
        destination: {},
        gatewayKey: `payout:${randomUUID()}`,
        status: "REQUESTED",
      },
    });
    await rig.app.prisma.webhookEvent.create({
      data: {
        provider: "sandbox",
        eventId: randomUUID(),
        type: "payment.succeeded",
        payload: {},
        rawBody: "{}",
        status: "DEAD",
      },
    });
    await rig.app.prisma.attendanceReview.create({ data: { sessionId: randomUUID() } });
    const decisions = await admin.admin.activity.decisions();
    expect(decisions.payoutsAwaitingApproval.count).toBe(1);
    expect(decisions.failedWebhooks.count).toBe(1);
    expect(decisions.attendanceReviews.count).toBe(1);
    expect(decisions.openDisputes).toEqual({ count: 0, oldestAt: null });
    expect(decisions.payoutsAwaitingApproval.oldestAt).toBeInstanceOf(Date);
  });

  it("is refused to mentors and mentees", async () => {
    const mentee = await callerAs(rig.app, flow.menteeId ?? "");
    expect(errorCodeOf(await mentee.admin.activity.feed({}).catch((e: unknown) => e))).toBe(
      "FORBIDDEN",
    );
    const mentor = await callerAs(rig.app, rig.fixture.mentor.id);
    expect(errorCodeOf(await mentor.admin.activity.decisions().catch((e: unknown) => e))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("paging and filters", () => {
  /** A mentor in Auckland (UTC+13 in January) with `count` releases, one a day from a date. */
  async function mentorWithReleases(count: number, firstAt: Date) {
    const mentor = await createUser(rig.app, "Paged Mentor", { timezone: "Pacific/Auckland" });
    await rig.app.prisma.$transaction(async (tx) => {
      for (let n = 0; n < count; n++) {
        const data = {
          bookingId: randomUUID(),
          mentorId: mentor.id,
          currency: "EUR",
          amountMinor: 100 + n,
        };
        await writeActivityEntries(tx, {
          id: eventIdOf(earningsReleased, data),
          type: earningsReleased.type,
          occurredAt: new Date(firstAt.getTime() + n * 86_400_000).toISOString(),
          data,
        });
      }
    });
    return mentor;
  }

  it("pages newest first with keyset cursors, each entry once", async () => {
    const mentor = await mentorWithReleases(7, new Date("2026-03-01T12:00:00Z"));
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await feedOf(mentor.id, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.amount?.minor ?? -1));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([106, 105, 104, 103, 102, 101, 100]);
  });

  it("filters by period in the viewer's time zone, and by kind", async () => {
    // 11:30 UTC on 1 January is 00:30 on 2 January in Auckland.
    const mentor = await mentorWithReleases(2, new Date("2026-01-01T11:30:00Z"));
    const day = async (from: string, to: string) =>
      (await feedOf(mentor.id, { from, to })).items.map((item) => item.amount?.minor);
    expect(await day("2026-01-02", "2026-01-02")).toEqual([100]);
    expect(await day("2026-01-01", "2026-01-01")).toEqual([]);
    expect(await day("2026-01-02", "2026-01-03")).toEqual([101, 100]);
    const page = await feedOf(mentor.id);
    expect(page.timeZone).toBe("Pacific/Auckland");
    expect((await feedOf(mentor.id, { kind: "booking" })).items).toEqual([]);
  });

  it("refuses a forged cursor, an unknown kind and a bad date with BAD_REQUEST", async () => {
    const caller = await callerAs(rig.app, rig.fixture.mentor.id);
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => "OK",
        (error: unknown) => (error instanceof TRPCError ? error.code : errorCodeOf(error)),
      );
    expect(await codeOf(caller.activity.mine({ cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.activity.mine({ kind: "everything" as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.activity.mine({ from: "2026-13-40" }))).toBe("BAD_REQUEST");
  });
});

describe("backfill", () => {
  it("rebuilds the feeds of older accounts from their rows, and a second run writes nothing", async () => {
    const people = [flow.menteeId, flow.cancelledMenteeId, flow.mentorId].filter(
      (id): id is string => Boolean(id),
    );
    expect(people).toHaveLength(3);
    const snapshot = async () =>
      (
        await rig.app.prisma.activityEntry.findMany({
          where: { feed: { in: people } },
          select: { id: true, feed: true, kind: true, eventType: true },
        })
      )
        .map((entry) => `${entry.feed}:${entry.eventType}:${entry.kind}:${entry.id}`)
        .sort();
    const projected = await snapshot();
    expect(projected.length).toBeGreaterThanOrEqual(10);

    // With every entry and event still there, the backfill adds nothing.
    expect((await backfillActivity(rig.app.prisma, { batchSize: 7 })).written).toBe(0);

    // An account from before the feeds (and before domain events were recorded).
    await rig.app.prisma.activityEntry.deleteMany({});
    await rig.app.prisma.domainEvent.deleteMany({});
    const first = await backfillActivity(rig.app.prisma, { batchSize: 7 });
    expect(first.written).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(projected);
    const again = await backfillActivity(rig.app.prisma, { batchSize: 7 });
    expect(again.written).toBe(0);
    expect(await snapshot()).toEqual(projected);
  });
});

describe("pnpm mentora activity:backfill", () => {
  it("fills the feeds from the command line, and writes nothing the second time", async () => {
    // The test app's own database (its pool was made from this URL).
    const databaseUrl = rig.app.pool.options.connectionString ?? "";
    expect(databaseUrl).not.toBe("");
    await rig.app.prisma.activityEntry.deleteMany({});
    const { NODE_ENV: _unset, ...inherited } = process.env;
    const env = {
      ...inherited,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      PUBLIC_URL: TEST_ORIGIN,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "cli-test-secret-".repeat(3),
    };
    const first = await runNode([mentoraCli, "activity:backfill"], { env });
    expect(first.code, first.stderr).toBe(0);
    const written = Number(first.stdout.match(/Activity backfill: (\d+) entries written/)?.[1]);
    expect(written).toBe(await rig.app.prisma.activityEntry.count());
    expect(written).toBeGreaterThan(0);
    const again = await runNode([mentoraCli, "activity:backfill"], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Activity backfill: 0 entries written.");
  });
});

describe("the one-line mappings", () => {
  it("type-check the audience against the event's payload", () => {
    const right = feed(payoutPaid, mentorOf("payout"), "payout");
    // @ts-expect-error payout.paid carries no bookingId: this audience could not find anyone.
    const wrong = feed(payoutPaid, bookingPeople({ mentee: "session", mentor: null }), null);
    expect([right.platform, wrong.platform]).toEqual(["payout", null]);
    // Every event type in the feeds is listed once (one subscriber each).
    const types = activityFeed.map((mapping) => mapping.event.type);
    expect(new Set(types).size).toBe(types.length);
  });
});

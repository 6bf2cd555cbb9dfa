import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { eventDeliverJob } from "../app/job-handlers.ts";
import { bookingCancelled, bookingConfirmed, bookingMoved } from "../bookings/index.ts";
import { createBookingFixture } from "../bookings/testing/booking-fixture.ts";
import { queuedEmails } from "../bookings/testing/notification-app.ts";
import { disputeOpened } from "../disputes/index.ts";
import { earningsReleased } from "../earnings/index.ts";
import { type NewEvent, recordEvent } from "../events/index.ts";
import { invoiceIssued } from "../invoices/index.ts";
import { mentorApplicationDecided } from "../mentors/index.ts";
import {
  paymentFailed,
  paymentRefunded,
  paymentSettled,
  settlePayment,
  webhookFailed,
} from "../payments/index.ts";
import { drainJobs } from "../payments/testing/payments-rig.ts";
import { payoutApproved, payoutFailed, payoutPaid, payoutRequested } from "../payouts/index.ts";
import { callerFor, createTestApp, signUpVerifiedUser } from "../testing/index.ts";
import { notificationDigestJob } from "./digest.job.ts";
import { notificationDigestQueue } from "./digest.queue.ts";
import { digestWindowMs, markReadAbout, notify } from "./notify.ts";
import { sessionStartingJob } from "./session-starting.job.ts";
import { sessionStartingQueue } from "./session-starting.queue.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const HOUR = 3_600_000;
const record = (event: NewEvent) => app.prisma.$transaction((tx) => recordEvent(app, tx, event));
const deliver = () => drainJobs(app, [eventDeliverJob]);

async function user(role: "MENTEE" | "MENTOR" | "ADMIN" = "MENTEE") {
  const id = randomUUID();
  return app.prisma.user.create({
    data: {
      id,
      name: `P ${id.slice(0, 4)}`,
      email: `${id}@notify.test`,
      emailVerified: true,
      role,
    },
  });
}

const rowsOf = (recipientId: string) =>
  app.prisma.notification.findMany({ where: { recipientId }, orderBy: { createdAt: "asc" } });

async function payment(userId: string, status: "PENDING" | "SUCCEEDED" = "SUCCEEDED") {
  return app.prisma.payment.create({
    data: {
      userId,
      purpose: "TOP_UP",
      currency: "EUR",
      amountMinor: 4200,
      walletAmountMinor: 0,
      gatewayAmountMinor: 4200,
      provider: "sandbox",
      providerPaymentId: randomUUID(),
      status,
      expiresAt: new Date(Date.now() + HOUR),
    },
  });
}

/** Runs the digest of one person now, as its job would at the end of the window. */
async function runDigest(userId: string) {
  await notificationDigestJob.run({ userId }, app, { jobId: randomUUID() });
}

/** Makes every pending e-mail of this person due (the delay has passed). */
const pastDelay = (recipientId: string) =>
  app.prisma.notification.updateMany({
    where: { recipientId, emailDueAt: { not: null } },
    data: { emailDueAt: new Date(Date.now() - 60_000) },
  });

describe("bookings → notifications", () => {
  it("a confirmation tells mentee and mentor, live, and plans 'starts in 10 minutes' with the join link", async () => {
    const startsAt = new Date(Date.now() + 48 * HOUR);
    const { mentor, mentee, booking, session } = await createBookingFixture(app.prisma, {
      startsAt,
      title: "Mock interview",
    });
    const data = {
      bookingId: booking.id,
      sessionId: session.id,
      scheduleVersion: 1,
      startsAt: startsAt.toISOString(),
    };
    await record(bookingConfirmed.of(data));
    await deliver();
    const [menteeRow] = await rowsOf(mentee.id);
    const [mentorRow] = await rowsOf(mentor.id);
    expect(menteeRow).toMatchObject({ kind: "BOOKING_CONFIRMED", subjectId: booking.id });
    expect(menteeRow?.data).toMatchObject({ path: `/bookings/${booking.id}` });
    expect(mentorRow).toMatchObject({ kind: "BOOKING_CONFIRMED", subjectId: booking.id });
    expect(mentorRow?.data).toMatchObject({ path: "/mentor/calendar" });
    // The bell of each hears it through the realtime stream (ref: the notification).
    const stream = await app.prisma.realtimeMessage.findMany({
      where: { userId: { in: [mentee.id, mentor.id] }, topic: "notification" },
    });
    expect(stream.map((m) => m.ref).sort()).toEqual([menteeRow?.id, mentorRow?.id].sort());
    // Booking kinds have their own transactional e-mail: not in the digest by default.
    expect(menteeRow?.emailDueAt).toBeNull();

    const planned = (await app.boss.findJobs(sessionStartingQueue.name)).filter(
      (job) => (job.data as { bookingId: string }).bookingId === booking.id,
    );
    expect(planned).toHaveLength(1);
    expect(planned[0]?.startAfter.getTime()).toBe(startsAt.getTime() - 10 * 60_000);

    await sessionStartingJob.run({ bookingId: booking.id, scheduleVersion: 1 }, app, {
      jobId: randomUUID(),
    });
    const starting = await app.prisma.notification.findMany({
      where: { kind: "SESSION_STARTING", subjectId: booking.id },
    });
    expect(starting.map((row) => row.recipientId).sort()).toEqual([mentee.id, mentor.id].sort());
    expect(starting[0]?.data).toMatchObject({ path: `/sessions/${session.id}/call` });
  });

  it("a move tells both and the old 'starting' job skips; a cancelled booking's job skips too", async () => {
    const startsAt = new Date(Date.now() + 48 * HOUR);
    const { mentee, mentor, booking, session } = await createBookingFixture(app.prisma, {
      startsAt,
    });
    const movedTo = new Date(startsAt.getTime() + 24 * HOUR);
    await app.prisma.booking.update({ where: { id: booking.id }, data: { scheduleVersion: 2 } });
    await app.prisma.mentoringSession.update({
      where: { id: session.id },
      data: {
        startsAt: movedTo,
        endsAt: new Date(movedTo.getTime() + HOUR),
        blockedUntil: new Date(movedTo.getTime() + 2 * HOUR),
      },
    });
    await record(
      bookingMoved.of({
        bookingId: booking.id,
        sessionId: session.id,
        scheduleVersion: 2,
        startsAt: movedTo.toISOString(),
        status: "CONFIRMED",
        previousStartsAt: startsAt.toISOString(),
        previousEndsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      }),
    );
    await deliver();
    expect((await rowsOf(mentee.id)).map((r) => r.kind)).toEqual(["BOOKING_MOVED"]);
    expect((await rowsOf(mentor.id)).map((r) => r.kind)).toEqual(["BOOKING_MOVED"]);
    await sessionStartingJob.run({ bookingId: booking.id, scheduleVersion: 1 }, app, {
      jobId: randomUUID(),
    });
    expect(
      await app.prisma.notification.count({
        where: { subjectId: booking.id, kind: "SESSION_STARTING" },
      }),
    ).toBe(0);

    await app.prisma.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED" } });
    await record(
      bookingCancelled.of({
        bookingId: booking.id,
        sessionId: session.id,
        scheduleVersion: 2,
        startsAt: movedTo.toISOString(),
        status: "CANCELLED",
        refundReason: "test",
        cancelledById: mentee.id,
      }),
    );
    await deliver();
    expect((await rowsOf(mentee.id)).map((r) => r.kind)).toEqual([
      "BOOKING_MOVED",
      "BOOKING_CANCELLED",
    ]);
    await sessionStartingJob.run({ bookingId: booking.id, scheduleVersion: 2 }, app, {
      jobId: randomUUID(),
    });
    expect(
      await app.prisma.notification.count({
        where: { subjectId: booking.id, kind: "SESSION_STARTING" },
      }),
    ).toBe(0);
  });
});

describe("each kind from its event", () => {
  it("money, payouts, earnings, invoices, applications and admin alerts reach the right people", async () => {
    const payer = await user();
    const mentor = await user("MENTOR");
    const applicant = await user();
    const admins = [await user("ADMIN"), await user("ADMIN")];
    const paid = await payment(payer.id);
    const payout = {
      payoutId: randomUUID(),
      mentorId: mentor.id,
      currency: "EUR",
      amountMinor: 9000,
    };
    const cases: [NewEvent, string[], string][] = [
      [
        paymentSettled.of({
          paymentId: paid.id,
          purpose: "TOP_UP",
          bookingId: null,
          creditedToWallet: false,
        }),
        [payer.id],
        "PAYMENT_SUCCEEDED",
      ],
      [
        paymentFailed.of({
          paymentId: paid.id,
          userId: payer.id,
          bookingId: null,
          currency: "EUR",
          amountMinor: 4200,
        }),
        [payer.id],
        "PAYMENT_FAILED",
      ],
      [
        paymentRefunded.of({ refundId: randomUUID(), paymentId: paid.id, amountMinor: 1000 }),
        [payer.id],
        "REFUND_ISSUED",
      ],
      [
        invoiceIssued.of({
          invoiceId: randomUUID(),
          kind: "INVOICE",
          ownerId: payer.id,
          number: "F-2026-000042",
        }),
        [payer.id],
        "INVOICE_READY",
      ],
      [payoutRequested.of(payout), admins.map((a) => a.id), "ADMIN_PAYOUT_REQUESTED"],
      [payoutApproved.of({ ...payout, attempt: 1 }), [mentor.id], "PAYOUT_APPROVED"],
      [payoutPaid.of({ ...payout, reference: "tr_1" }), [mentor.id], "PAYOUT_PAID"],
      [
        payoutFailed.of({ ...payout, attempt: 1, reason: "closed account" }),
        [mentor.id],
        "PAYOUT_FAILED",
      ],
      [
        earningsReleased.of({
          bookingId: randomUUID(),
          mentorId: mentor.id,
          currency: "EUR",
          amountMinor: 4000,
        }),
        [mentor.id],
        "EARNINGS_RELEASED",
      ],
      [
        mentorApplicationDecided.of({ userId: applicant.id, status: "APPROVED" }),
        [applicant.id],
        "APPLICATION_DECIDED",
      ],
      [
        webhookFailed.of({ webhookEventId: randomUUID(), provider: "sandbox", attempts: 9 }),
        admins.map((a) => a.id),
        "ADMIN_WEBHOOK_FAILED",
      ],
      [
        disputeOpened.of({
          disputeId: randomUUID(),
          paymentId: paid.id,
          currency: "EUR",
          amountMinor: 4200,
        }),
        admins.map((a) => a.id),
        "ADMIN_DISPUTE_OPENED",
      ],
    ];
    for (const [event, recipients, kind] of cases) {
      await record(event);
      await deliver();
      const rows = await app.prisma.notification.findMany({ where: { kind: kind as never } });
      expect(rows.map((row) => row.recipientId).sort(), kind).toEqual([...recipients].sort());
    }
    const [mentorLine] = await app.prisma.notification.findMany({
      where: { recipientId: mentor.id, kind: "PAYOUT_PAID" },
    });
    expect(mentorLine?.data).toMatchObject({
      path: "/mentor/payouts",
      amountMinor: 9000,
      currency: "EUR",
    });
  });

  it("records its new events in the causing transactions (a failed payment, a decided application)", async () => {
    const payer = await user();
    const open = await payment(payer.id, "PENDING");
    const money = { amountMinor: open.gatewayAmountMinor, currency: "EUR" };
    await settlePayment(app, open.id, {
      providerPaymentId: open.providerPaymentId ?? "",
      status: "failed",
      amount: money,
      amountRefunded: { ...money, amountMinor: 0 },
    });
    const applicant = await user();
    await app.prisma.mentorProfile.create({ data: { userId: applicant.id } });
    const admin = await signUpVerifiedUser(app, {
      name: "Adm",
      email: `adm-${randomUUID()}@notify.test`,
    });
    await app.prisma.user.update({ where: { id: admin.userId }, data: { role: "ADMIN" } });
    const asAdmin = await callerFor(app, { cookie: admin.cookie });
    await asAdmin.admin.mentors.decide({ userId: applicant.id, decision: "reject" });
    await deliver();
    expect((await rowsOf(payer.id)).map((r) => r.kind)).toEqual(["PAYMENT_FAILED"]);
    const [decided] = await rowsOf(applicant.id);
    expect(decided).toMatchObject({ kind: "APPLICATION_DECIDED" });
    expect(decided?.data).toMatchObject({ status: "REJECTED", path: "/mentor/apply" });
  });

  it("a redelivered event adds nothing (idempotent per recipient and event)", async () => {
    const mentor = await user("MENTOR");
    const event = earningsReleased.of({
      bookingId: randomUUID(),
      mentorId: mentor.id,
      currency: "EUR",
      amountMinor: 100,
    });
    const recorded = await record(event);
    await deliver();
    // The same delivery job run again, as after a lost completion.
    await eventDeliverJob.run(
      { subscriber: "notifications.earnings-released", event: recorded as never },
      app,
      { jobId: randomUUID() },
    );
    expect(await app.prisma.notification.count({ where: { recipientId: mentor.id } })).toBe(1);
  });
});

describe("preferences", () => {
  it("in-app off: kept for the e-mail only, out of the bell, e-mailed without waiting; both off: nothing", async () => {
    const person = await user("MENTOR");
    await app.prisma.notificationPreference.createMany({
      data: [
        { userId: person.id, kind: "PAYOUT_PAID", inApp: false, email: true },
        { userId: person.id, kind: "PAYOUT_FAILED", inApp: false, email: false },
        { userId: person.id, kind: "EARNINGS_RELEASED", inApp: true, email: false },
      ],
    });
    const now = new Date();
    await app.prisma.$transaction(async (tx) => {
      for (const kind of ["PAYOUT_PAID", "PAYOUT_FAILED", "EARNINGS_RELEASED"] as const) {
        await notify(app, tx, {
          userIds: [person.id],
          kind,
          subjectId: "x",
          data: { path: "/mentor/payouts" },
          dedupeKey: kind,
          now,
        });
      }
    });
    const rows = await rowsOf(person.id);
    expect(rows.map((r) => [r.kind, r.shownInApp, r.emailDueAt?.getTime() ?? null]).sort()).toEqual(
      [
        ["EARNINGS_RELEASED", true, null],
        ["PAYOUT_PAID", false, now.getTime()],
      ],
    );
    // Only what is shown in the app is counted and published to the bell.
    expect(await app.prisma.realtimeMessage.count({ where: { userId: person.id } })).toBe(1);
  });

  it("get/set through the API: a default choice stores no row, admins alone see admin kinds", async () => {
    const { cookie } = await signUpVerifiedUser(app, {
      name: "Pref",
      email: `pref-${randomUUID()}@notify.test`,
    });
    const caller = await callerFor(app, { cookie });
    const before = await caller.notifications.getPreferences();
    expect(before.find((p) => p.kind === "NEW_MESSAGE")).toEqual({
      kind: "NEW_MESSAGE",
      inApp: true,
      email: true,
      emailOffered: true,
    });
    expect(before.find((p) => p.kind === "SESSION_STARTING")).toMatchObject({
      email: false,
      emailOffered: false,
    });
    expect(before.some((p) => p.kind.startsWith("ADMIN_"))).toBe(false);
    await caller.notifications.setPreferences({
      preferences: [
        { kind: "NEW_MESSAGE", inApp: true, email: false },
        { kind: "PAYMENT_FAILED", inApp: true, email: true },
        // Not offered: stays off whatever is asked.
        { kind: "SESSION_STARTING", inApp: true, email: true },
      ],
    });
    const after = await caller.notifications.getPreferences();
    expect(after.find((p) => p.kind === "NEW_MESSAGE")?.email).toBe(false);
    expect(after.find((p) => p.kind === "SESSION_STARTING")?.email).toBe(false);
    const me = await caller.account.me();
    expect(
      await app.prisma.notificationPreference.findMany({
        where: { userId: me.id },
        select: { kind: true },
      }),
    ).toEqual([{ kind: "NEW_MESSAGE" }]);
  });
});

describe("digest e-mail", () => {
  it("a storm of 50 events makes one digest job and one e-mail listing them", async () => {
    const person = await user("MENTOR");
    // All in one window, as a burst is: one job per person and window.
    const now = new Date(Math.floor(Date.now() / digestWindowMs) * digestWindowMs + 1000);
    for (let i = 0; i < 50; i += 1) {
      await app.prisma.$transaction((tx) =>
        notify(app, tx, {
          userIds: [person.id],
          kind: "EARNINGS_RELEASED",
          subjectId: `b${i}`,
          data: { path: "/mentor/revenue", amountMinor: 100 + i, currency: "EUR" },
          dedupeKey: `storm-${i}`,
          now,
        }),
      );
    }
    const digests = (await app.boss.findJobs(notificationDigestQueue.name)).filter(
      (job) => (job.data as { userId: string }).userId === person.id,
    );
    expect(digests).toHaveLength(1);
    expect(digests[0]?.startAfter.getTime()).toBeGreaterThanOrEqual(now.getTime() + 15 * 60_000);
    await pastDelay(person.id);
    await runDigest(person.id);
    await runDigest(person.id);
    const emails = await queuedEmails(app, person.email);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.data.subject).toContain("50");
    expect(emails[0]?.data.text.match(/• .+ of earnings available for payout/g)).toHaveLength(20);
    expect(emails[0]?.data.text).toContain("…and 30 more.");
    expect(
      await app.prisma.notification.count({ where: { recipientId: person.id, emailedAt: null } }),
    ).toBe(0);
  });

  it("nothing read in the app is e-mailed; e-mail turned off since is dropped; later ones wait for their own digest", async () => {
    const person = await user("MENTOR");
    const now = new Date();
    const make = (key: string, kind: "PAYOUT_PAID" | "PAYOUT_APPROVED" = "PAYOUT_PAID") =>
      app.prisma.$transaction((tx) =>
        notify(app, tx, {
          userIds: [person.id],
          kind,
          subjectId: key,
          data: { path: "/mentor/payouts", amountMinor: 500, currency: "EUR" },
          dedupeKey: key,
          now,
        }),
      );
    const [read] = await make("read");
    await make("approved", "PAYOUT_APPROVED");
    await app.prisma.notification.update({ where: { id: read }, data: { readAt: new Date() } });
    await app.prisma.notificationPreference.create({
      data: { userId: person.id, kind: "PAYOUT_APPROVED", inApp: true, email: false },
    });
    await pastDelay(person.id);
    const [later] = await make("later");
    await runDigest(person.id);
    expect(await queuedEmails(app, person.email)).toHaveLength(0);
    const rows = await rowsOf(person.id);
    expect(rows.find((r) => r.id === later)?.emailedAt).toBeNull();
    expect(rows.find((r) => r.dedupeKey === "approved")?.emailDueAt).toBeNull();
    // The one still waiting has a digest planned for its own window.
    const due = rows.find((r) => r.id === later)?.emailDueAt as Date;
    const windowEnd = (Math.floor(due.getTime() / digestWindowMs) + 1) * digestWindowMs;
    const planned = (await app.boss.findJobs(notificationDigestQueue.name)).filter(
      (job) =>
        (job.data as { userId: string }).userId === person.id &&
        job.startAfter.getTime() === windowEnd,
    );
    expect(planned).toHaveLength(1);
  });
});

describe("procedures", () => {
  it("list pages, counts, marks read; another person's notification is NOT_FOUND", async () => {
    const a = await signUpVerifiedUser(app, {
      name: "Alice",
      email: `alice-${randomUUID()}@notify.test`,
    });
    const b = await signUpVerifiedUser(app, {
      name: "Bob",
      email: `bob-${randomUUID()}@notify.test`,
    });
    const alice = await callerFor(app, { cookie: a.cookie });
    const bob = await callerFor(app, { cookie: b.cookie });
    const base = Date.now() - 60_000;
    for (let i = 0; i < 5; i += 1) {
      await app.prisma.$transaction((tx) =>
        notify(app, tx, {
          userIds: [a.userId, b.userId],
          kind: "PAYMENT_SUCCEEDED",
          subjectId: `p${i}`,
          data: { path: `/payments/p${i}`, amountMinor: 1000 * (i + 1), currency: "EUR" },
          dedupeKey: `p${i}`,
          now: new Date(base + i * 1000),
        }),
      );
    }
    expect(await alice.notifications.unreadCount()).toEqual({ count: 5 });
    const first = await alice.notifications.list({ limit: 3 });
    expect(first.items.map((n) => n.path)).toEqual([
      "/payments/p4",
      "/payments/p3",
      "/payments/p2",
    ]);
    expect(first.items[0]?.text).toBe("Payment of €50.00 succeeded");
    const second = await alice.notifications.list({ limit: 3, cursor: first.nextCursor ?? "" });
    expect(second.items.map((n) => n.path)).toEqual(["/payments/p1", "/payments/p0"]);
    expect(second.nextCursor).toBeNull();

    const bobsFirst = (await bob.notifications.list({ limit: 1 })).items[0]!;
    await expect(alice.notifications.markRead({ id: bobsFirst.id })).rejects.toSatisfy(
      (error) => error instanceof TRPCError && error.code === "NOT_FOUND",
    );
    expect((await bob.notifications.list({ limit: 1 })).items[0]?.readAt).toBeNull();

    const read = await alice.notifications.markRead({ id: first.items[0]!.id });
    expect(read.readAt).toBeInstanceOf(Date);
    expect(read.path).toBe("/payments/p4");
    expect(await alice.notifications.unreadCount()).toEqual({ count: 4 });
    expect((await alice.notifications.list({ unreadOnly: true, limit: 20 })).items).toHaveLength(4);
    // The bell: the same count and newest lines in one statement; an empty inbox has a count.
    const bell = await alice.notifications.bell({ limit: 2 });
    expect(bell.unread).toBe(4);
    expect(bell.latest.map((n) => [n.path, n.readAt !== null])).toEqual([
      ["/payments/p4", true],
      ["/payments/p3", false],
    ]);
    expect(bell.latest[1]?.text).toBe("Payment of €40.00 succeeded");
    const carol = await signUpVerifiedUser(app, {
      name: "Carol",
      email: `carol-${randomUUID()}@notify.test`,
    });
    expect(await (await callerFor(app, { cookie: carol.cookie })).notifications.bell()).toEqual({
      unread: 0,
      latest: [],
    });
    expect(await alice.notifications.markAllRead()).toEqual({ count: 4 });
    expect(await alice.notifications.unreadCount()).toEqual({ count: 0 });
    expect(await bob.notifications.unreadCount()).toEqual({ count: 5 });
  });
});

describe("markReadAbout", () => {
  it("reading the thing itself reads its notifications: no digest e-mail for them", async () => {
    const person = await user();
    const conversationId = randomUUID();
    await app.prisma.$transaction((tx) =>
      notify(app, tx, {
        userIds: [person.id],
        kind: "NEW_MESSAGE",
        subjectId: conversationId,
        data: { path: `/conversations/${conversationId}` },
        dedupeKey: "m1",
      }),
    );
    const [row] = await rowsOf(person.id);
    // Ten minutes for a message (issue #15).
    expect((row?.emailDueAt?.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(10 * 60_000);
    expect(
      await app.prisma.$transaction((tx) =>
        markReadAbout(tx, { userId: person.id, subjectId: conversationId }),
      ),
    ).toBe(1);
    await pastDelay(person.id);
    await runDigest(person.id);
    expect(await queuedEmails(app, person.email)).toHaveLength(0);
  });
});

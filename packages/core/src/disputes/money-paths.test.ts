import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { earningsReleaseDeadJob, releaseEarningsJob } from "../app/job-handlers.ts";
import { jobQueues } from "../app/job-queues.ts";
import { completeSession, releaseBookingEarnings } from "../earnings/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { createQueues } from "../jobs/index.ts";
import {
  accounts,
  balanceOf,
  completePayout,
  platformFee,
  reservePayout,
} from "../ledger/index.ts";
import { loadRevenuePostings } from "../mentors/index.ts";
import { handlePaymentReturn, refundPayment, startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig, ledgerIsBalanced } from "../payments/testing/payments-rig.ts";
import { callerAs, createAdmin, setSandboxMethod } from "../payouts/testing/payouts-rig.ts";
import { handleDisputeEvent } from "./dispute-service.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let adminId: string;
beforeAll(async () => {
  rig = await createPaymentsRig({ EARNINGS_HOLD_HOURS: "6", PLATFORM_FEE_BASIS_POINTS: "1500" });
  adminId = (await createAdmin(rig.app)).id;
});
afterAll(async () => {
  await rig?.app.close();
});

const share = 5_000 - platformFee(5_000, 1_500);
const mentorId = () => rig.fixture.mentor.id;
const balances = async () => {
  const of = (ref: Parameters<typeof balanceOf>[1]) => balanceOf(rig.app.prisma, ref);
  return {
    pending: await of(accounts.mentorPending(mentorId(), "EUR")),
    available: await of(accounts.mentorAvailable(mentorId(), "EUR")),
    frozen: await of(accounts.mentorFrozen(mentorId(), "EUR")),
    receivable: await of(accounts.mentorReceivable(mentorId(), "EUR")),
    clearing: await of(accounts.clearing("sandbox", "EUR")),
  };
};
const revenue = async () =>
  (await loadRevenuePostings(rig.app.prisma, mentorId(), new Date(Date.now() + 60_000))).reduce(
    (sum, posting) => sum + posting.amountMinor,
    0,
  );
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

/** A booking of the 50 EUR offering paid in full through the sandbox gateway. */
async function gatewayPaidBooking() {
  const { mentee, booking } = await rig.menteeWithHold();
  const started = await startBookingPayment(rig.app, { bookingId: booking.id, userId: mentee.id });
  const back = await rig.payerChooses(started.redirectUrl as string, "pay");
  const secret = new URL(back ?? "http://x").searchParams.get("secret") ?? "";
  expect(await handlePaymentReturn(rig.app, { paymentId: started.paymentId, secret })).toBe(
    "settled",
  );
  const payment = await rig.app.prisma.payment.findUniqueOrThrow({
    where: { id: started.paymentId },
  });
  expect(payment).toMatchObject({ status: "SUCCEEDED", gatewayAmountMinor: 5_000 });
  return { booking, payment };
}

let hoursAgo = 3;
async function complete(sessionId: string, reason = "ended") {
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
  await rig.app.prisma.$transaction((tx) => completeSession(rig.app, tx, sessionId, { reason }));
}

async function releasedBooking() {
  const paid = await gatewayPaidBooking();
  await complete(paid.booking.sessionId);
  expect(await releaseBookingEarnings(rig.app, paid.booking.id)).toEqual({ releasedMinor: share });
  return paid;
}

/** Pays out everything available, as a completed payout would. */
async function payOutAll() {
  const { available } = await balances();
  if (available <= 0) return;
  const key = randomUUID();
  const input = { mentorId: mentorId(), currency: "EUR", amountMinor: available };
  await reservePayout(rig.app.prisma, { ...input, idempotencyKey: `${key}:r` });
  await completePayout(rig.app.prisma, {
    ...input,
    gatewayId: "sandbox",
    idempotencyKey: `${key}:p`,
  });
}

const disputeEvent = (
  providerPaymentId: string,
  providerDisputeId: string,
  close?: "won" | "lost",
) =>
  ({
    type: close ? "dispute.closed" : "dispute.opened",
    eventId: `${providerDisputeId}:${close ?? "open"}`,
    providerPaymentId,
    providerDisputeId,
    amount: { amountMinor: 5_000, currency: "EUR" },
    ...(close ? { outcome: close } : {}),
    reason: "fraudulent",
    occurredAt: new Date(),
  }) as const;

describe("refunds after release", () => {
  it("take the released share from available earnings, then record what the mentor owes; the next release settles it first", async () => {
    const first = await releasedBooking();
    await payOutAll();
    const before = await balances();
    expect(before.available).toBe(0);

    // Before: INSUFFICIENT_BALANCE (pending debited), or another booking's share eaten.
    const other = await gatewayPaidBooking();
    const revenueBefore = await revenue();
    await refundPayment(rig.app, { paymentId: first.payment.id, reason: "late", cause: "t:a" });
    // The mentor's revenue shows the refund, though it no longer touches pending earnings.
    expect(revenueBefore - (await revenue())).toBe(share);
    const afterRefund = await balances();
    expect(afterRefund.pending).toBe(before.pending + share); // only the new booking's share
    expect(afterRefund.receivable - before.receivable).toBe(-share);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);

    // The other booking's release first pays back what is owed.
    await complete(other.booking.sessionId);
    expect(await releaseBookingEarnings(rig.app, other.booking.id)).toEqual({
      releasedMinor: share,
    });
    const settled = await balances();
    expect(settled.receivable).toBe(before.receivable);
    expect(settled.available).toBe(0);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });

  it("a refund after release with earnings available takes them, owing nothing", async () => {
    const paid = await releasedBooking();
    const before = await balances();
    await refundPayment(rig.app, {
      paymentId: paid.payment.id,
      amountMinor: 2_000,
      reason: "partly",
      cause: "t:b",
    });
    const after = await balances();
    expect(before.available - after.available).toBe(2_000 - platformFee(2_000, 1_500));
    expect(after.receivable).toBe(before.receivable);
    expect(after.pending).toBe(before.pending);
  });
});

describe("release failures", () => {
  it("dead-letter to earnings.release.dead, whose handler mails every admin", async () => {
    expect(releaseEarningsJob.queue.deadLetter).toBe(earningsReleaseDeadJob.name);
    // A queue created before it had one (an existing deployment) gets it at the next start.
    await rig.app.boss.updateQueue(releaseEarningsJob.name, { deadLetter: null });
    await createQueues(rig.app.boss, jobQueues);
    const queue = await rig.app.boss.getQueue(releaseEarningsJob.name);
    expect(queue?.deadLetter).toBe("earnings.release.dead");
    const bookingId = `booking-${randomUUID()}`;
    await earningsReleaseDeadJob.handle({ bookingId }, rig.app, { jobId: randomUUID() });
    const mails = await rig.app.prisma.$queryRaw<{ to: string }[]>`
      SELECT data->>'to' AS to FROM pgboss.job
      WHERE name = 'email.send' AND data->>'subject' LIKE ${`%${bookingId}%`}`;
    const admin = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: adminId } });
    expect(mails.map((mail) => mail.to)).toContain(admin.email);
  });
});

describe("disputes", () => {
  it("open freezes the share out of reach of payouts and refunds; a redelivery changes nothing; won unfreezes", async () => {
    await payOutAll();
    const paid = await releasedBooking();
    const mentor = await callerAs(rig.app, mentorId());
    await setSandboxMethod(rig.app, mentorId());
    const providerPaymentId = paid.payment.providerPaymentId as string;
    const open = disputeEvent(providerPaymentId, "dp_won");
    await handleDisputeEvent(rig.app, "sandbox", open);
    await handleDisputeEvent(rig.app, "sandbox", open);
    // Opened once, recorded once (admins are notified from it, issue #15).
    expect(
      await rig.app.prisma.domainEvent.count({
        where: { type: "dispute.opened", data: { path: ["paymentId"], equals: paid.payment.id } },
      }),
    ).toBe(1);
    const frozen = await balances();
    expect(frozen).toMatchObject({ available: 0, frozen: share });
    expect(await codeOf(mentor.payouts.request({ currency: "EUR", amountMinor: share }))).toBe(
      "PAYOUT_EXCEEDS_AVAILABLE",
    );
    expect(
      await codeOf(refundPayment(rig.app, { paymentId: paid.payment.id, reason: "x", cause: "d" })),
    ).toBe("REFUND_NOT_POSSIBLE");
    const balancesList = await mentor.payouts.balances();
    expect(balancesList.find((b) => b.currency === "EUR")).toMatchObject({ frozenMinor: share });
    const admin = await callerAs(rig.app, adminId);
    const { disputes } = await admin.admin.disputes.list();
    expect(disputes.find((d) => d.providerDisputeId === "dp_won")).toMatchObject({
      status: "OPEN",
      frozenMinor: share,
      amountMinor: 5_000,
    });

    await handleDisputeEvent(rig.app, "sandbox", disputeEvent(providerPaymentId, "dp_won", "won"));
    await handleDisputeEvent(rig.app, "sandbox", disputeEvent(providerPaymentId, "dp_won", "won"));
    expect(await balances()).toMatchObject({ available: share, frozen: 0 });
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });

  it("lost: the amount leaves through the gateway, the frozen share goes with it, the fee is given back", async () => {
    await payOutAll();
    const paid = await releasedBooking();
    const providerPaymentId = paid.payment.providerPaymentId as string;
    const before = await balances();
    const fees = () => balanceOf(rig.app.prisma, accounts.platformFees("EUR"));
    const feesBefore = await fees();
    await handleDisputeEvent(rig.app, "sandbox", disputeEvent(providerPaymentId, "dp_lost"));
    await handleDisputeEvent(
      rig.app,
      "sandbox",
      disputeEvent(providerPaymentId, "dp_lost", "lost"),
    );
    const after = await balances();
    expect(after.frozen).toBe(before.frozen);
    expect(after.available).toBe(before.available - share);
    expect(after.clearing - before.clearing).toBe(5_000);
    expect(feesBefore - (await fees())).toBe(5_000 - share);
    const payment = await rig.app.prisma.payment.findUniqueOrThrow({
      where: { id: paid.payment.id },
    });
    expect(payment.refundedMinor).toBe(5_000);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });

  it("lost after the share was paid out: the mentor owes it", async () => {
    const paid = await releasedBooking();
    await payOutAll();
    const before = await balances();
    const id = paid.payment.providerPaymentId as string;
    await handleDisputeEvent(rig.app, "sandbox", disputeEvent(id, "dp_paid_out"));
    expect((await balances()).frozen).toBe(before.frozen);
    await handleDisputeEvent(rig.app, "sandbox", disputeEvent(id, "dp_paid_out", "lost"));
    expect((await balances()).receivable - before.receivable).toBe(-share);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });
});

describe("a session nobody attended", () => {
  it("releases nothing until an admin decides; release pays the mentor, refund pays the mentee back", async () => {
    const admin = await callerAs(rig.app, adminId);
    const releaseCase = await gatewayPaidBooking();
    const refundCase = await gatewayPaidBooking();
    for (const { booking } of [releaseCase, refundCase]) {
      await complete(booking.sessionId, "attendance:NO_ATTENDANCE");
      expect(await releaseBookingEarnings(rig.app, booking.id)).toEqual({ releasedMinor: 0 });
    }
    const jobs = await rig.app.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'earnings.release'
      AND data->>'bookingId' IN (${releaseCase.booking.id}, ${refundCase.booking.id})`;
    expect(Number(jobs[0]?.n)).toBe(0);
    const reviews = await admin.admin.disputes.attendanceReviews();
    expect(reviews.map((review) => review.sessionId)).toEqual(
      expect.arrayContaining([releaseCase.booking.sessionId, refundCase.booking.sessionId]),
    );

    await admin.admin.disputes.decideAttendance({
      sessionId: releaseCase.booking.sessionId,
      decision: "release",
    });
    expect(
      await codeOf(
        admin.admin.disputes.decideAttendance({
          sessionId: releaseCase.booking.sessionId,
          decision: "refund",
        }),
      ),
    ).toBe("CONFLICT");
    const queued = await rig.app.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = 'earnings.release'
      AND data->>'bookingId' = ${releaseCase.booking.id}`;
    expect(Number(queued[0]?.n)).toBe(1);
    expect(await releaseBookingEarnings(rig.app, releaseCase.booking.id)).toEqual({
      releasedMinor: share,
    });

    await admin.admin.disputes.decideAttendance({
      sessionId: refundCase.booking.sessionId,
      decision: "refund",
    });
    const refunded = await rig.app.prisma.payment.findUniqueOrThrow({
      where: { id: refundCase.payment.id },
    });
    expect(refunded.refundedMinor).toBe(5_000);
    expect(await releaseBookingEarnings(rig.app, refundCase.booking.id)).toEqual({
      releasedMinor: 0,
    });
    const audit = await admin.admin.audit.list({ action: "attendance.refund" });
    expect(audit.items.map((item) => item.targetId)).toContain(refundCase.booking.sessionId);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });
});

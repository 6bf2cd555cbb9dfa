import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelSessionByMentor } from "../bookings/index.ts";
import { accounts, balanceOf, platformFee } from "../ledger/index.ts";
import { refundPayment, startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig, ledgerIsBalanced } from "../payments/testing/payments-rig.ts";
import { completeEndedSessions } from "./complete-ended-sessions.job.ts";
import { completeSession } from "./complete-session.ts";
import { releaseBookingEarnings } from "./release-earnings.job.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig({ EARNINGS_HOLD_HOURS: "6", PLATFORM_FEE_BASIS_POINTS: "1500" });
});
afterAll(async () => {
  await rig?.app.close();
});

const mentorShare = 5_000 - platformFee(5_000, 1_500);

/** A booking of the 50 EUR offering paid in full from the wallet. */
async function paidBooking() {
  const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
  const { paymentId } = await startBookingPayment(rig.app, {
    bookingId: booking.id,
    userId: mentee.id,
  });
  const row = await rig.app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
  expect(row.status).toBe("CONFIRMED");
  return { booking: row, paymentId };
}

let hoursAgo = 3;
/** Moves the booking's session into the past (a distinct hour each time: no overlaps). */
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

const balances = async () => ({
  pending: await balanceOf(rig.app.prisma, accounts.mentorPending(rig.fixture.mentor.id, "EUR")),
  available: await balanceOf(
    rig.app.prisma,
    accounts.mentorAvailable(rig.fixture.mentor.id, "EUR"),
  ),
});

async function releaseJobsFor(bookingId: string) {
  return rig.app.prisma.$queryRaw<{ start_after: Date }[]>`
    SELECT start_after FROM pgboss.job
    WHERE name = 'earnings.release' AND data->>'bookingId' = ${bookingId}`;
}

describe("earnings", () => {
  it("a completed paid session releases exactly the mentor share after the hold, once", async () => {
    const { booking } = await paidBooking();
    await endInThePast(booking.sessionId);
    const before = await balances();
    const now = new Date();
    expect((await completeEndedSessions(rig.app, now)).completed).toBeGreaterThanOrEqual(1);
    expect((await completeEndedSessions(rig.app, now)).completed).toBe(0);
    const session = await rig.app.prisma.mentoringSession.findUniqueOrThrow({
      where: { id: booking.sessionId },
    });
    expect(session.status).toBe("COMPLETED");
    expect(
      (await rig.app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status,
    ).toBe("COMPLETED");
    expect(
      await rig.app.prisma.sessionCompletion.findUnique({ where: { sessionId: session.id } }),
    ).toMatchObject({ reason: "ended" });
    const jobs = await releaseJobsFor(booking.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.start_after.getTime()).toBe(now.getTime() + 6 * 3_600_000);

    expect(await releaseBookingEarnings(rig.app, booking.id)).toEqual({
      releasedMinor: mentorShare,
    });
    expect(await releaseBookingEarnings(rig.app, booking.id)).toEqual({ releasedMinor: 0 });
    const after = await balances();
    expect(after.available - before.available).toBe(mentorShare);
    expect(before.pending - after.pending).toBe(mentorShare);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });

  it("a cancelled session is never completed and releases nothing", async () => {
    const { booking } = await paidBooking();
    await cancelSessionByMentor(rig.app, {
      sessionId: booking.sessionId,
      mentorId: rig.fixture.mentor.id,
    });
    await endInThePast(booking.sessionId);
    const before = await balances();
    await completeEndedSessions(rig.app);
    const session = await rig.app.prisma.mentoringSession.findUniqueOrThrow({
      where: { id: booking.sessionId },
    });
    expect(session.status).toBe("CANCELLED");
    expect(await releaseJobsFor(booking.id)).toHaveLength(0);
    expect(await releaseBookingEarnings(rig.app, booking.id)).toEqual({ releasedMinor: 0 });
    expect((await balances()).available).toBe(before.available);
  });

  it("a refunded booking releases what the refunds left: nothing for a full refund", async () => {
    const full = await paidBooking();
    const partial = await paidBooking();
    await refundPayment(rig.app, {
      paymentId: full.paymentId,
      reason: "goodwill",
      cause: "t:full",
    });
    await refundPayment(rig.app, {
      paymentId: partial.paymentId,
      amountMinor: 2_000,
      reason: "late start",
      cause: "t:partial",
    });
    for (const { booking } of [full, partial]) {
      await endInThePast(booking.sessionId);
      await rig.app.prisma.$transaction((tx) =>
        completeSession(rig.app, tx, booking.sessionId, { reason: "ended" }),
      );
    }
    const before = await balances();
    expect(await releaseBookingEarnings(rig.app, full.booking.id)).toEqual({ releasedMinor: 0 });
    const partialShare = 3_000 - platformFee(3_000, 1_500);
    expect(await releaseBookingEarnings(rig.app, partial.booking.id)).toEqual({
      releasedMinor: partialShare,
    });
    expect((await balances()).available - before.available).toBe(partialShare);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });
});

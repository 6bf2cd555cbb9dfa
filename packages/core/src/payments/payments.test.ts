import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cancelBookingByMentee, cancelSessionByMentor, holdSlot } from "../bookings/index.ts";
import { createUser, nextMondayAt } from "../bookings/testing/bookings.ts";
import { errorCodeOf } from "../errors/index.ts";
import { accounts, balanceOf } from "../ledger/index.ts";
import { callerFor, contextFor } from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import { expirePayment } from "./checkout/expire-payment.job.ts";
import { handlePaymentReturn } from "./checkout/payment-return.ts";
import { startBookingPayment, startWalletTopUp } from "./checkout/start-payment.ts";
import { executeRefund, executeRefundJob } from "./refunds/execute-refund.job.ts";
import { refundPayment } from "./refunds/refund-payment.ts";
import { settlePayment } from "./settlement/settle-payment.ts";
import {
  createPaymentsRig,
  drainJobs,
  fundWallet,
  ledgerIsBalanced,
  sandboxBooks,
  walletOf,
} from "./testing/payments-rig.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig();
});
afterAll(async () => {
  await rig?.app.close();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

const secretOf = (url: string | null) =>
  new URL(url ?? "http://x").searchParams.get("secret") ?? "";

/** A caller acting as this user (the session part of the context replaced). */
async function callerAs(userId: string) {
  const context = await contextFor(rig.app);
  const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  // A signed-in viewer without going through sign-in: the session part of the context only.
  return createCaller({
    ...context,
    session: { user, session: { id: "test", userId, createdAt: new Date() } },
  } as never);
}

describe("paying a booking", () => {
  it("takes the wallet first and the gateway for the rest, settled once from the return URL", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 2_000 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    expect(started.status).toBe("PENDING");
    expect(started.redirectUrl).toMatch(/\/sandbox\/checkout\//);
    expect(await walletOf(app, mentee.id)).toEqual({ available: 0, reserved: 2_000 });

    const payment = await app.prisma.payment.findUniqueOrThrow({
      where: { id: started.paymentId },
    });
    expect(payment).toMatchObject({ walletAmountMinor: 2_000, gatewayAmountMinor: 3_000 });

    const back = await rig.payerChooses(started.redirectUrl, "pay");
    expect(back).toContain(`/payments/${started.paymentId}/return?secret=`);
    const getPayment = vi.spyOn(app.gateways.get("sandbox"), "getPayment");
    expect(await handlePaymentReturn(app, { paymentId: payment.id, secret: secretOf(back) })).toBe(
      "settled",
    );
    expect(getPayment).toHaveBeenCalledTimes(1);

    const confirmed = await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(confirmed.status).toBe("CONFIRMED");
    expect(await walletOf(app, mentee.id)).toEqual({ available: 0, reserved: 0 });
    // 5000 at 15%: 750 to the platform, 4250 pending for the mentor.
    const mentorId = rig.fixture.mentor.id;
    expect(
      await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR")),
    ).toBeGreaterThanOrEqual(4_250);
    const postings = await app.prisma.ledgerTransaction.findMany({
      where: { paymentId: payment.id },
      select: { idempotencyKey: true },
    });
    expect(postings.map((p) => p.idempotencyKey).sort()).toEqual([
      `payment:${payment.id}:capture`,
      `payment:${payment.id}:reserve`,
      `payment:${payment.id}:settle`,
    ]);

    // The same link again: refused without asking the provider, nothing changes.
    expect(await handlePaymentReturn(app, { paymentId: payment.id, secret: secretOf(back) })).toBe(
      "replayed",
    );
    expect(getPayment).toHaveBeenCalledTimes(1);
    getPayment.mockRestore();
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("refuses a forged return secret and one from another payment", async () => {
    const { app } = rig;
    const first = await rig.menteeWithHold();
    const second = await rig.menteeWithHold();
    const a = await startBookingPayment(app, {
      bookingId: first.booking.id,
      userId: first.mentee.id,
    });
    const b = await startBookingPayment(app, {
      bookingId: second.booking.id,
      userId: second.mentee.id,
    });
    const backB = await rig.payerChooses(b.redirectUrl, "pay");
    expect(
      await handlePaymentReturn(app, { paymentId: a.paymentId, secret: secretOf(backB) }),
    ).toBe("invalid");
    expect(await handlePaymentReturn(app, { paymentId: a.paymentId, secret: "x".repeat(43) })).toBe(
      "invalid",
    );
    const untouched = await app.prisma.payment.findUniqueOrThrow({ where: { id: a.paymentId } });
    expect(untouched).toMatchObject({ status: "PENDING", returnUsedAt: null });
  });

  it("settles at once from the wallet alone, with no provider", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 6_000 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    expect(started).toMatchObject({ status: "SUCCEEDED" });
    expect(started.redirectUrl).toMatch(new RegExp(`/payments/${started.paymentId}$`));
    const payment = await app.prisma.payment.findUniqueOrThrow({
      where: { id: started.paymentId },
    });
    expect(payment).toMatchObject({ provider: null, gatewayAmountMinor: 0, status: "SUCCEEDED" });
    expect(await walletOf(app, mentee.id)).toEqual({ available: 1_000, reserved: 0 });
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
  });

  it("takes one commission on the whole price of a wallet + card payment, and refunds give it back", async () => {
    const { app } = rig;
    const mentorId = rig.fixture.mentor.id;
    const pendingOf = () => balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"));
    const feesOf = () => balanceOf(app.prisma, accounts.platformFees("EUR"));
    // 50 EUR with 10.50 from the wallet: per part the fee would round to 158 + 593 = 751.
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 1_050 });
    const [pendingBefore, feesBefore] = [await pendingOf(), await feesOf()];
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    expect(
      await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) }),
    ).toBe("settled");
    expect((await feesOf()) - feesBefore).toBe(750);
    expect((await pendingOf()) - pendingBefore).toBe(4_250);

    // Refunded in three slices (wallet part first, then through the gateway): all of it back.
    for (const [index, amountMinor] of [333, 1_717, 2_950].entries()) {
      const refund = await refundPayment(app, {
        paymentId: started.paymentId,
        amountMinor,
        reason: "slice",
        cause: `fee-slices:${started.paymentId}:${index}`,
      });
      if (refund.gatewayPartMinor > 0) await executeRefund(app, refund.id);
    }
    expect(await feesOf()).toBe(feesBefore);
    expect(await pendingOf()).toBe(pendingBefore);
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("makes one payment and one checkout when the payer clicks Pay five times at once", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 1_000 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        startBookingPayment(app, { bookingId: booking.id, userId: mentee.id }),
      ),
    );
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    expect(new Set(results.map((r) => r.redirectUrl)).size).toBe(1);
    expect(await app.prisma.payment.count({ where: { bookingId: booking.id } })).toBe(1);
    const checkouts = (await sandboxBooks(app, "payment")).filter(
      (record) => record.paymentId === results[0]?.paymentId,
    );
    expect(checkouts).toHaveLength(1);
    expect(await walletOf(app, mentee.id)).toEqual({ available: 0, reserved: 1_000 });
  });

  it("gives the reservation back on a decline and lets the payer try again", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 500 });
    const first = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const back = await rig.payerChooses(first.redirectUrl, "decline");
    expect(back).not.toContain("secret=");
    // The webhook tells us; its processing asks the provider and closes the payment.
    const delivery = rig.deliveries.at(-1);
    expect(delivery?.body).toContain("payment.failed");
    const truth = await app.gateways
      .get("sandbox")
      .getPayment(
        (await app.prisma.payment.findUniqueOrThrow({ where: { id: first.paymentId } }))
          .providerPaymentId as string,
      );
    await settlePayment(app, first.paymentId, truth);
    expect(await walletOf(app, mentee.id)).toEqual({ available: 500, reserved: 0 });
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "PENDING_PAYMENT",
    );

    const second = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    expect(second.paymentId).not.toBe(first.paymentId);
    await rig.payerChooses(second.redirectUrl, "pay");
    const payment = await app.prisma.payment.findUniqueOrThrow({ where: { id: second.paymentId } });
    await settlePayment(
      app,
      payment.id,
      await app.gateways.get("sandbox").getPayment(payment.providerPaymentId as string),
    );
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
  });

  it("refuses other users' bookings and payments as not found", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold();
    const stranger = await createUser(app, "Stranger");
    expect(
      await codeOf(startBookingPayment(app, { bookingId: booking.id, userId: stranger.id })),
    ).toBe("NOT_FOUND");
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const asStranger = await callerAs(stranger.id);
    expect(await codeOf(asStranger.payments.get({ paymentId: started.paymentId }))).toBe(
      "NOT_FOUND",
    );
    const asMentee = await callerAs(mentee.id);
    expect((await asMentee.payments.get({ paymentId: started.paymentId })).status).toBe("PENDING");
    const anonymous = await callerFor(app);
    expect(await codeOf(anonymous.payments.get({ paymentId: started.paymentId }))).toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("expiry", () => {
  it("expires an unpaid checkout: the reservation returns and the slot is free again", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 1_500 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const payment = await app.prisma.payment.findUniqueOrThrow({
      where: { id: started.paymentId },
    });
    const hold = await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(hold.holdExpiresAt?.getTime()).toBeGreaterThanOrEqual(payment.expiresAt.getTime());

    // Before its time the job does nothing.
    expect(await expirePayment(app, payment.id, new Date())).toBe("skipped");
    const later = new Date(payment.expiresAt.getTime() + 60_000);
    expect(await expirePayment(app, payment.id, later)).toBe("expired");
    expect(await expirePayment(app, payment.id, later)).toBe("skipped");

    expect((await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "EXPIRED",
    );
    expect(await walletOf(app, mentee.id)).toEqual({ available: 1_500, reserved: 0 });
    const expired = await app.prisma.booking.findUniqueOrThrow({
      where: { id: booking.id },
      include: { session: true },
    });
    expect(expired.status).toBe("EXPIRED");
    expect(expired.session.status).toBe("CANCELLED");
    expect(
      await codeOf(startBookingPayment(app, { bookingId: booking.id, userId: mentee.id })),
    ).toBe("HOLD_EXPIRED");
  });

  it("settles instead of expiring when the provider says it was paid (the webhook was lost)", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold();
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    await rig.payerChooses(started.redirectUrl, "pay");
    const payment = await app.prisma.payment.findUniqueOrThrow({
      where: { id: started.paymentId },
    });
    const later = new Date(payment.expiresAt.getTime() + 60_000);
    expect(await expirePayment(app, payment.id, later)).toBe("settled");
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
  });

  it("credits the wallet when the provider reports success after we expired the payment", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 1_000 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const payment = await app.prisma.payment.findUniqueOrThrow({
      where: { id: started.paymentId },
    });
    const sandbox = app.gateways.get("sandbox");
    const pending = await sandbox.getPayment(payment.providerPaymentId as string);
    vi.spyOn(sandbox, "getPayment").mockResolvedValueOnce(pending);
    await expirePayment(app, payment.id, new Date(payment.expiresAt.getTime() + 60_000));
    expect(await walletOf(app, mentee.id)).toEqual({ available: 1_000, reserved: 0 });

    // Hours later (PayPal keeps approvals open), the provider reports it paid.
    await settlePayment(app, payment.id, { ...pending, status: "succeeded" });
    await settlePayment(app, payment.id, { ...pending, status: "succeeded" });
    const late = await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(late).toMatchObject({ status: "SUCCEEDED", creditedToWallet: true });
    expect(await walletOf(app, mentee.id)).toEqual({ available: 5_000, reserved: 0 });
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "EXPIRED",
    );
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("refuses to settle on an answer that does not match our record", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold();
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const payment = await app.prisma.payment.findUniqueOrThrow({
      where: { id: started.paymentId },
    });
    const truth = await app.gateways.get("sandbox").getPayment(payment.providerPaymentId as string);
    const wrongAmount = {
      ...truth,
      status: "succeeded" as const,
      amount: { ...truth.amount, amountMinor: 1 },
    };
    await expect(settlePayment(app, payment.id, wrongAmount)).rejects.toThrow(/expected 5000/);
    const otherPayment = { ...truth, status: "succeeded" as const, paymentId: "someone-else" };
    await expect(settlePayment(app, payment.id, otherPayment)).rejects.toThrow(/belongs to/);
    expect((await app.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe(
      "PENDING",
    );
  });

  it("a resend answered from the row the webhook read: stale rows settle, bad answers still throw", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold();
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const stale = await app.prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
    const truth = {
      ...(await app.gateways.get("sandbox").getPayment(stale.providerPaymentId as string)),
      status: "succeeded" as const,
    };
    // A PENDING row read before the settlement takes the locked path and settles once.
    expect(await settlePayment(app, stale.id, truth, new Date(), stale)).toEqual({
      changed: true,
      status: "SUCCEEDED",
    });
    expect(await settlePayment(app, stale.id, truth, new Date(), stale)).toEqual({
      changed: false,
      status: "SUCCEEDED",
    });
    // A settled row answers the resend without a transaction, still checking the answer.
    const settled = await app.prisma.payment.findUniqueOrThrow({ where: { id: stale.id } });
    const transactions = vi.spyOn(app.prisma, "$transaction");
    expect(await settlePayment(app, stale.id, truth, new Date(), settled)).toEqual({
      changed: false,
      status: "SUCCEEDED",
    });
    expect(transactions).not.toHaveBeenCalled();
    transactions.mockRestore();
    const wrongAmount = { ...truth, amount: { ...truth.amount, amountMinor: 1 } };
    await expect(settlePayment(app, stale.id, wrongAmount, new Date(), settled)).rejects.toThrow(
      /expected 5000/,
    );
    expect(
      await app.prisma.ledgerTransaction.count({ where: { paymentId: stale.id, kind: "PAYMENT" } }),
    ).toBe(1);
    expect(await ledgerIsBalanced(app)).toBe(true);
  });
});

describe("refunds on cancellation", () => {
  async function paidGroupSeat(walletMinor = 0) {
    const { app } = rig;
    const mentee = await createUser(app, "Group Mentee");
    if (walletMinor) await fundWallet(app, mentee.id, walletMinor);
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: rig.fixture.groupOption.id,
      startsAt: groupStart,
    });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    if (started.status === "PENDING") {
      const back = await rig.payerChooses(started.redirectUrl, "pay");
      await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) });
    }
    return { mentee, booking, paymentId: started.paymentId };
  }
  const groupStart = nextMondayAt(18, 2);

  it("a mentor cancelling a paid group session refunds every participant; new payments are refused", async () => {
    const { app } = rig;
    const mentorId = rig.fixture.mentor.id;
    const pendingBefore = await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"));
    const feesBefore = await balanceOf(app.prisma, accounts.platformFees("EUR"));
    // One paid by card, one by wallet and card, one entirely from the wallet.
    const seats = [await paidGroupSeat(0), await paidGroupSeat(500), await paidGroupSeat(2_000)];
    expect(await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"))).toBe(
      pendingBefore + 3 * 1_700,
    );
    const { sessionId } = seats[0]!.booking;

    // A fourth mentee is still paying when the mentor cancels.
    const late = await createUser(app, "Late Mentee");
    await fundWallet(app, late.id, 300);
    const lateHold = await holdSlot(app, {
      menteeId: late.id,
      optionId: rig.fixture.groupOption.id,
      startsAt: groupStart,
    }).catch((error: unknown) => errorCodeOf(error));
    // A full group is no longer offered.
    expect(["SESSION_FULL", "SLOT_TAKEN"]).toContain(lateHold);

    await cancelSessionByMentor(app, { sessionId, mentorId, reason: "ill" });

    const refunds = await app.prisma.refund.findMany({
      where: { paymentId: { in: seats.map((s) => s.paymentId) } },
    });
    expect(refunds).toHaveLength(3);
    expect(refunds.every((r) => r.amountMinor === 2_000)).toBe(true);
    expect(await walletOf(app, seats[1]!.mentee.id)).toEqual({ available: 500, reserved: 0 });
    expect(await walletOf(app, seats[2]!.mentee.id)).toEqual({ available: 2_000, reserved: 0 });
    expect(await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"))).toBe(
      pendingBefore,
    );
    expect(await balanceOf(app.prisma, accounts.platformFees("EUR"))).toBe(feesBefore);

    // The card parts go back through the provider, by job, once.
    await drainJobs(app, [executeRefundJob]);
    const done = await app.prisma.refund.findMany({
      where: { paymentId: { in: seats.map((s) => s.paymentId) } },
    });
    expect(done.every((r) => r.status === "SUCCEEDED")).toBe(true);
    expect(await balanceOf(app.prisma, accounts.refundsPayable("sandbox", "EUR"))).toBe(0);
    const cardPaid = await app.prisma.payment.findUniqueOrThrow({
      where: { id: seats[0]!.paymentId },
    });
    const atProvider = await app.gateways
      .get("sandbox")
      .getPayment(cardPaid.providerPaymentId as string);
    expect(atProvider.amountRefunded.amountMinor).toBe(2_000);

    // Cancelling again, or replaying the refund job, refunds nothing more.
    await drainJobs(app, [executeRefundJob]);
    expect(
      (await app.gateways.get("sandbox").getPayment(cardPaid.providerPaymentId as string))
        .amountRefunded.amountMinor,
    ).toBe(2_000);
    expect(await codeOf(cancelSessionByMentor(app, { sessionId, mentorId }))).toBe(
      "BOOKING_NOT_CANCELLABLE",
    );
    expect(
      await codeOf(
        startBookingPayment(app, { bookingId: seats[0]!.booking.id, userId: seats[0]!.mentee.id }),
      ),
    ).toBe("BOOKING_CANCELLED");
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("a checkout still open when the session is cancelled is closed, and a later success goes to the wallet", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 700 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    await cancelSessionByMentor(app, {
      sessionId: booking.sessionId,
      mentorId: rig.fixture.mentor.id,
    });
    expect(await walletOf(app, mentee.id)).toEqual({ available: 700, reserved: 0 });
    const closed = await app.prisma.payment.findUniqueOrThrow({ where: { id: started.paymentId } });
    expect(closed.status).toBe("CANCELLED");

    // The payer was already on the provider's page and pays anyway.
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    expect(await handlePaymentReturn(app, { paymentId: closed.id, secret: secretOf(back) })).toBe(
      "settled",
    );
    expect(await walletOf(app, mentee.id)).toEqual({ available: 700 + 4_300, reserved: 0 });
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CANCELLED",
    );
  });

  it("a mentee cancelling in the free window is refunded to the wallet when so configured", async () => {
    const walletRig = await createPaymentsRig({ REFUND_DESTINATION: "wallet" });
    try {
      const { app } = walletRig;
      const { mentee, booking } = await walletRig.menteeWithHold({ walletMinor: 1_000 });
      const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
      const back = await walletRig.payerChooses(started.redirectUrl, "pay");
      await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) });
      expect(await walletOf(app, mentee.id)).toEqual({ available: 0, reserved: 0 });

      await cancelBookingByMentee(app, { bookingId: booking.id, menteeId: mentee.id });
      expect(await walletOf(app, mentee.id)).toEqual({ available: 5_000, reserved: 0 });
      const [refund] = await app.prisma.refund.findMany({
        where: { paymentId: started.paymentId },
      });
      expect(refund).toMatchObject({
        destination: "WALLET",
        status: "SUCCEEDED",
        gatewayPartMinor: 0,
      });
      expect(await drainJobs(app, [executeRefundJob])).toBe(0);
      expect(await ledgerIsBalanced(app)).toBe(true);
    } finally {
      await walletRig.app.close();
    }
  });
});

describe("wallet top-up", () => {
  it("credits the wallet once the provider confirms", async () => {
    const { app } = rig;
    const user = await createUser(app, "Topper");
    const started = await startWalletTopUp(app, {
      userId: user.id,
      amountMinor: 2_500,
      currency: "EUR",
    });
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    expect(
      await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) }),
    ).toBe("settled");
    expect(await walletOf(app, user.id)).toEqual({ available: 2_500, reserved: 0 });
    const caller = await callerAs(user.id);
    const wallet = await caller.wallet.get({});
    expect(wallet.balances).toEqual([{ currency: "EUR", availableMinor: 2_500, reservedMinor: 0 }]);
    expect(wallet.history[0]).toMatchObject({ kind: "TOP_UP", amountMinor: 2_500 });
    expect(
      await codeOf(startWalletTopUp(app, { userId: user.id, amountMinor: 0, currency: "EUR" })),
    ).toBe("VALIDATION_FAILED");
    expect(
      await codeOf(startWalletTopUp(app, { userId: user.id, amountMinor: 100, currency: "XXX" })),
    ).toBe("CURRENCY_NOT_SUPPORTED");
  });
});

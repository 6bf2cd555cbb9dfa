import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRefundJob } from "../../app/job-handlers.ts";
import { holdSlot } from "../../bookings/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../../bookings/testing/bookings.ts";
import { errorCodeOf } from "../../errors/index.ts";
import { handlePaymentReturn, startBookingPayment } from "../../payments/index.ts";
import {
  createPaymentsRig,
  drainJobs,
  ledgerIsBalanced,
} from "../../payments/testing/payments-rig.ts";
import { callerAs, createAdmin } from "../../payouts/testing/payouts-rig.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig();
});
afterAll(async () => {
  await rig?.app.close();
});

const secretOf = (url: string | null) =>
  new URL(url ?? "http://x").searchParams.get("secret") ?? "";
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

describe("an admin demotes a mentor to mentee", () => {
  it("unlists them, cancels every future session with full refunds (jobs in the same commit), audits it", async () => {
    const { app, fixture } = rig;
    const mentorId = fixture.mentor.id;
    const anonymous = await callerAs(app, (await createUser(app, "Viewer")).id);
    expect(await codeOf(anonymous.directory.mentor({ mentorId }))).toBe("OK");

    // A paid and confirmed place, a free one, and a hold still waiting for payment.
    const { mentee: payer, booking: paid } = await rig.menteeWithHold();
    const started = await startBookingPayment(app, { bookingId: paid.id, userId: payer.id });
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    await handlePaymentReturn(app, { paymentId: started.paymentId, secret: secretOf(back) });
    const freeMentee = await createUser(app, "Free Mentee");
    const free = await holdSlot(app, {
      menteeId: freeMentee.id,
      optionId: fixture.freeOption.id,
      startsAt: nextMondayAt(20, 3),
    });
    const { booking: pending } = await rig.menteeWithHold();
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe(
      "CONFIRMED",
    );

    const admin = await callerAs(app, (await createAdmin(app)).id);
    await admin.admin.users.setRole({ userId: mentorId, role: "MENTEE" });

    // Unlisted: the mentor page is NOT_FOUND, the search does not list them, nobody can hold.
    expect(await codeOf(anonymous.directory.mentor({ mentorId }))).toBe("NOT_FOUND");
    const search = await anonymous.directory.search({});
    expect(search.items.map((item) => item.id)).not.toContain(mentorId);
    const newcomer = await createUser(app, "Newcomer");
    expect(
      await codeOf(
        holdSlot(app, {
          menteeId: newcomer.id,
          optionId: fixture.freeOption.id,
          startsAt: nextMondayAt(18, 5),
        }),
      ),
    ).toBe("OFFERING_UNAVAILABLE");

    // Every future place cancelled by an admin; the paid one refunded in full.
    for (const id of [paid.id, free.id, pending.id]) {
      expect(await app.prisma.booking.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "CANCELLED",
        cancelledBy: "ADMIN",
      });
    }
    expect(
      await app.prisma.mentoringSession.count({
        where: { mentorId, status: "SCHEDULED", startsAt: { gt: new Date() } },
      }),
    ).toBe(0);
    const [refund] = await app.prisma.refund.findMany({ where: { paymentId: started.paymentId } });
    expect(refund).toMatchObject({ amountMinor: 5_000 });
    // The gateway part is paid back by the refund job enqueued in the demotion's transaction.
    expect(await drainJobs(app, [executeRefundJob])).toBeGreaterThan(0);
    expect(await app.prisma.refund.findUniqueOrThrow({ where: { id: refund?.id } })).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await ledgerIsBalanced(app)).toBe(true);

    const [audit] = await app.prisma.auditLog.findMany({
      where: { action: "user.demote-mentor", targetId: mentorId },
    });
    expect(audit?.details).toMatchObject({ cancelledSessions: 3, cancelledBookings: 3 });
  });

  it("a hold racing the demotion either loses or is cancelled: no live booking survives", async () => {
    const { app } = rig;
    const other = await createMentorWithOfferings(app);
    const admin = await callerAs(app, (await createAdmin(app)).id);
    const mentees = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createUser(app, `Racer ${i}`)),
    );
    const [, ...holds] = await Promise.all([
      admin.admin.users.setRole({ userId: other.mentor.id, role: "MENTEE" }),
      ...mentees.map((mentee, i) =>
        codeOf(
          holdSlot(app, {
            menteeId: mentee.id,
            optionId: other.paidOption.id,
            startsAt: nextMondayAt(6 + 2 * i, 3),
          }),
        ),
      ),
    ]);
    for (const result of holds) expect(["OK", "OFFERING_UNAVAILABLE"]).toContain(result);
    expect(
      await app.prisma.booking.count({
        where: {
          session: { mentorId: other.mentor.id },
          status: { in: ["PENDING_PAYMENT", "CONFIRMED"] },
        },
      }),
    ).toBe(0);
  });
});

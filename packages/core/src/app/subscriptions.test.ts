import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelBookingByMentee, cancelSessionByMentor } from "../bookings/index.ts";
import { handlePaymentReturn, startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig } from "../payments/testing/payments-rig.ts";
import { subscriptions } from "./subscriptions.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig({ REFUND_DESTINATION: "wallet" });
});
afterAll(() => rig?.app.close());

const eventTypes = async (...ids: string[]) =>
  (
    await rig.app.prisma.$queryRaw<{ type: string }[]>`
      SELECT type FROM domain_event
      WHERE data->>'paymentId' = ANY(${ids}) OR data->>'bookingId' = ANY(${ids})
      ORDER BY "occurredAt", type`
  ).map((row) => row.type);

const jobNames = async (bookingId: string, paymentId: string) =>
  (
    await rig.app.prisma.$queryRaw<{ name: string }[]>`
      SELECT DISTINCT name FROM pgboss.job
      WHERE data->>'bookingId' = ${bookingId} OR data->>'paymentId' = ${paymentId}
      ORDER BY name`
  ).map((row) => row.name);

describe("the subscription list", () => {
  it("names each subscriber once (the name is part of its delivery job's id)", () => {
    const names = subscriptions.map((subscription) => subscription.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("a booking paid from the wallet: settlement records payment.settled, its subscribers confirm, notify, plan the room and the invoice", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });

    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
    expect(await eventTypes(booking.id, started.paymentId)).toEqual([
      "booking.held",
      "booking.confirmed",
      "payment.settled",
    ]);
    const names = await jobNames(booking.id, started.paymentId);
    expect(names).toEqual(
      expect.arrayContaining(["booking.notify", "booking.reminder", "invoice.render"]),
    );
    const [room] = await app.boss.findJobs("video.open-room", {
      data: { sessionId: booking.sessionId },
    });
    expect(room).toBeDefined();
  });

  it("realtime: a paid booking tells the payer (payment) and the mentor's calendar (booking) in the commit; a cancellation tells them again", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    const messages = async () =>
      (
        await app.prisma.realtimeMessage.findMany({
          where: { ref: { in: [booking.id, started.paymentId] } },
          orderBy: { seq: "asc" },
        })
      ).map(({ userId, topic, ref }) => ({ userId, topic, ref }));
    const mentor = rig.fixture.mentor.id;
    expect(await messages()).toEqual(
      expect.arrayContaining([
        { userId: mentee.id, topic: "payment", ref: started.paymentId },
        { userId: mentor, topic: "booking", ref: booking.id },
        { userId: mentee.id, topic: "booking", ref: booking.id },
      ]),
    );
    // Nobody else hears of it.
    expect(new Set((await messages()).map((m) => m.userId))).toEqual(new Set([mentee.id, mentor]));
    const before = (await messages()).filter((m) => m.userId === mentor).length;
    await cancelBookingByMentee(app, { bookingId: booking.id, menteeId: mentee.id });
    expect((await messages()).filter((m) => m.userId === mentor).length).toBe(before + 1);
  });

  it("a cancellation records booking.cancelled and payment.refunded: the people are told, a credit note follows", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    await cancelBookingByMentee(app, { bookingId: booking.id, menteeId: mentee.id });

    expect(await eventTypes(booking.id, started.paymentId)).toEqual(
      expect.arrayContaining(["booking.cancelled", "payment.refunded"]),
    );
    const [refund] = await app.prisma.refund.findMany({ where: { paymentId: started.paymentId } });
    const creditNotes = await app.boss.findJobs("invoice.render", {
      data: { kind: "credit_note", refundId: refund?.id },
    });
    expect(creditNotes).toHaveLength(1);
    const notices = await app.boss.findJobs("booking.notify", {
      data: { bookingId: booking.id, event: "cancelled" },
    });
    expect(notices).toHaveLength(1);
  });

  it("a payment that succeeds after its booking was cancelled: payment.settled says credited to the wallet; nothing is confirmed or invoiced", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold();
    const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
    await cancelSessionByMentor(app, {
      sessionId: booking.sessionId,
      mentorId: rig.fixture.mentor.id,
    });
    const back = await rig.payerChooses(started.redirectUrl, "pay");
    const secret = new URL(back ?? "", "http://x").searchParams.get("secret") ?? "";
    expect(await handlePaymentReturn(app, { paymentId: started.paymentId, secret })).toBe(
      "settled",
    );

    const settled = await app.prisma.domainEvent.findMany({
      where: { type: "payment.settled", data: { path: ["paymentId"], equals: started.paymentId } },
    });
    expect(settled.map((event) => event.data)).toEqual([
      {
        paymentId: started.paymentId,
        purpose: "BOOKING",
        bookingId: booking.id,
        creditedToWallet: true,
      },
    ]);
    expect(await eventTypes(booking.id)).not.toContain("booking.confirmed");
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CANCELLED",
    );
    expect(
      await app.boss.findJobs("invoice.render", {
        data: { kind: "invoice", paymentId: started.paymentId },
      }),
    ).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../bookings/testing/bookings.ts";
import { errorCodeOf } from "../errors/index.ts";
import { startBookingPayment } from "../payments/index.ts";
import { createPaymentsRig } from "../payments/testing/payments-rig.ts";
import { ADMIN_IP, callerAs, createAdmin } from "../payouts/testing/payouts-rig.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let adminId: string;
beforeAll(async () => {
  rig = await createPaymentsRig();
  adminId = (await createAdmin(rig.app)).id;
});
afterAll(async () => {
  await rig?.app.close();
});

const rowsFor = (action: string, targetId: string) =>
  rig.app.prisma.auditLog.findMany({ where: { action, targetId } });

describe("audit log of admin actions", () => {
  it("records a role change with actor, IP and user agent, in the change's transaction", async () => {
    const user = await createUser(rig.app, "Rita Role");
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.users.setRole({ userId: user.id, role: "MENTOR" });
    expect(await rowsFor("user.set-role", user.id)).toEqual([
      expect.objectContaining({
        actorId: adminId,
        ip: ADMIN_IP,
        userAgent: "payouts-test/1.0",
        targetType: "user",
        details: { from: "MENTEE", to: "MENTOR" },
      }),
    ]);
    // A refused change writes nothing.
    const refused = await admin.admin.users
      .setRole({ userId: "no-such-user", role: "MENTOR" })
      .catch((error: unknown) => errorCodeOf(error));
    expect(refused).toBe("NOT_FOUND");
    expect(await rowsFor("user.set-role", "no-such-user")).toHaveLength(0);
  });

  it("records a mentor application decision", async () => {
    const applicant = await createUser(rig.app, "Paul Pending");
    await rig.app.prisma.mentorProfile.create({
      data: { userId: applicant.id, status: "PENDING" },
    });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.mentors.decide({ userId: applicant.id, decision: "reject", note: "Later" });
    expect(await rowsFor("mentor-application.decide", applicant.id)).toEqual([
      expect.objectContaining({
        actorId: adminId,
        ip: ADMIN_IP,
        details: { decision: "reject", note: "Later" },
      }),
    ]);
  });

  it("records a refund once, even when the form is submitted twice", async () => {
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
    const { paymentId } = await startBookingPayment(rig.app, {
      bookingId: booking.id,
      userId: mentee.id,
    });
    const admin = await callerAs(rig.app, adminId);
    const input = { paymentId, reason: "Goodwill", requestKey: "form-1234567", amountMinor: 1_000 };
    await admin.admin.payments.refund(input);
    await admin.admin.payments.refund(input);
    const rows = await rig.app.prisma.auditLog.findMany({ where: { action: "payment.refund" } });
    const mine = rows.filter(
      (row) => (row.details as { paymentId?: string }).paymentId === paymentId,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ actorId: adminId, ip: ADMIN_IP, targetType: "refund" });
  });

  it("records a webhook replay; the admin lists the log with filters and a cursor", async () => {
    const event = await rig.app.prisma.webhookEvent.create({
      data: {
        provider: "sandbox",
        eventId: "evt-audit-1",
        type: "payment.succeeded",
        payload: {},
        rawBody: "{}",
        status: "DEAD",
      },
    });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.webhooks.replay({ webhookEventId: event.id });
    expect(await rowsFor("webhook.replay", event.id)).toHaveLength(1);

    const all = await admin.admin.audit.list({ actorId: adminId, limit: 2 });
    expect(all.items).toHaveLength(2);
    const rest = await admin.admin.audit.list({
      actorId: adminId,
      limit: 50,
      cursor: all.nextCursor ?? undefined,
    });
    const seen = [...all.items, ...rest.items].map((item) => item.action);
    expect(new Set(seen)).toEqual(
      new Set(["user.set-role", "mentor-application.decide", "payment.refund", "webhook.replay"]),
    );
    expect(all.items[0]?.actorEmail).toContain("@");
    const replays = await admin.admin.audit.list({ action: "webhook.replay" });
    expect(replays.items.map((item) => item.targetId)).toEqual([event.id]);
    const none = await admin.admin.audit.list({ from: new Date(Date.now() + 60_000) });
    expect(none.items).toHaveLength(0);
  });
});

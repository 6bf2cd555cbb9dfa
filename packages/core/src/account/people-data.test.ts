import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRefundJob, invoiceRenderJob } from "../app/job-handlers.ts";
import { holdSlot } from "../bookings/index.ts";
import { createMentorWithOfferings, nextMondayAt } from "../bookings/testing/bookings.ts";
import { errorCodeOf } from "../errors/index.ts";

import { handlePaymentReturn, startBookingPayment } from "../payments/index.ts";
import {
  createPaymentsRig,
  drainJobs,
  fundWallet,
  ledgerIsBalanced,
} from "../payments/testing/payments-rig.ts";
import { creditAvailable } from "../payouts/testing/payouts-rig.ts";
import {
  authRequest,
  callerFor,
  contextFor,
  deliverQueuedEmails,
  signUpVerifiedUser,
} from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import { dataExportJob } from "./data-export.job.ts";
import { buildDataExport, expireDataExports, readDataExport } from "./data-export.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  rig = await createPaymentsRig();
});
afterAll(async () => {
  await rig?.app.close();
});

const PASSWORD = "correct horse battery";
let people = 0;
async function person(label: string) {
  people += 1;
  const email = `${label}-${people}@people.test`;
  const { cookie, userId } = await signUpVerifiedUser(rig.app, { name: `Pat ${label}`, email });
  return { email, userId, cookie, caller: await callerFor(rig.app, { cookie }) };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

let slot = 0;
/** A paid (gateway) booking of the rig's 50 EUR offering, weeks ahead. */
async function paidBooking(menteeId: string) {
  slot += 1;
  const booking = await holdSlot(rig.app, {
    menteeId,
    optionId: rig.fixture.paidOption.id,
    startsAt: nextMondayAt(5 + 2 * (slot % 6), 3 + Math.floor(slot / 6)),
  });
  const started = await startBookingPayment(rig.app, { bookingId: booking.id, userId: menteeId });
  const back = await rig.payerChooses(started.redirectUrl ?? "", "pay");
  const secret = new URL(back ?? "http://x").searchParams.get("secret") ?? "";
  expect(await handlePaymentReturn(rig.app, { paymentId: started.paymentId, secret })).toBe(
    "settled",
  );
  return { bookingId: booking.id, paymentId: started.paymentId };
}

describe("data export", () => {
  it("builds one ZIP of the person's data and documents, for them only, until it expires", async () => {
    const { app } = rig;
    const mentee = await person("export");
    const { bookingId } = await paidBooking(mentee.userId);
    await drainJobs(app, [invoiceRenderJob]);
    const invoice = await app.prisma.invoice.findFirstOrThrow({
      where: { ownerId: mentee.userId },
    });

    const { id } = await mentee.caller.account.requestExport();
    expect((await mentee.caller.account.listExports())[0]).toMatchObject({
      id,
      status: "PENDING",
      downloadPath: null,
    });
    expect(await drainJobs(app, [dataExportJob])).toBe(1);
    const [ready] = await mentee.caller.account.listExports();
    expect(ready).toMatchObject({
      id,
      status: "READY",
      downloadPath: `/account/exports/${id}.zip`,
    });

    const stranger = await person("stranger");
    expect(await readDataExport(app, { exportId: id, userId: stranger.userId })).toBeNull();
    const file = await readDataExport(app, { exportId: id, userId: mentee.userId });
    const entries = unzipSync(file?.bytes ?? new Uint8Array());
    expect(
      Object.keys(entries)
        .filter((name) => !name.endsWith("/"))
        .sort(),
    ).toEqual(
      [
        "README.txt",
        "bookings.json",
        `documents/${invoice.number}.pdf`,
        "messages.json",
        "notifications.json",
        "reviews.json",
        "payments.json",
        "profile.json",
        "sign-ins.json",
      ].sort(),
    );
    const profile = JSON.parse(strFromU8(entries["profile.json"] ?? new Uint8Array()));
    expect(profile).toMatchObject({ id: mentee.userId, email: mentee.email });
    expect(profile).not.toHaveProperty("password");
    const bookings = JSON.parse(strFromU8(entries["bookings.json"] ?? new Uint8Array()));
    expect(bookings.asMentee.map((b: { id: string }) => b.id)).toEqual([bookingId]);
    const pdf = entries[`documents/${invoice.number}.pdf`] ?? new Uint8Array();
    expect(strFromU8(pdf.subarray(0, 5))).toBe("%PDF-");

    // The owner was told, with the link.
    await deliverQueuedEmails(app);
    const told = await app.prisma.outboxEmail.findMany({
      where: { to: mentee.email, text: { contains: `/account/exports/${id}.zip` } },
    });
    expect(told).toHaveLength(1);

    // Built again (a retried job): nothing changes, nobody is told twice.
    await buildDataExport(app, id);
    expect(await app.prisma.dataExport.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "READY",
    });
    expect(await deliverQueuedEmails(app)).toBe(0);

    const later = new Date(Date.now() + 8 * 24 * 3_600_000);
    expect(await readDataExport(app, { exportId: id, userId: mentee.userId }, later)).toBeNull();
    expect(await expireDataExports(app, later)).toBeGreaterThanOrEqual(1);
    const expired = await app.prisma.dataExport.findUniqueOrThrow({ where: { id } });
    expect(expired).toMatchObject({ status: "EXPIRED", fileKey: null });
    expect(await app.files.exists(`exports/${mentee.userId.toLowerCase()}/${id}.zip`)).toBe(false);
  });

  it("refuses a fourth export in a day", async () => {
    const mentee = await person("limit");
    for (let i = 0; i < 3; i++) await mentee.caller.account.requestExport();
    expect(await codeOf(mentee.caller.account.requestExport())).toBe("DATA_EXPORT_LIMIT");
  });
});

describe("account deletion", () => {
  it("asks for the password and the e-mail typed again", async () => {
    const mentee = await person("reauth");
    expect(
      await codeOf(
        mentee.caller.account.deleteAccount({ confirmEmail: mentee.email, password: "wrong one" }),
      ),
    ).toBe("PASSWORD_INCORRECT");
    expect(await codeOf(mentee.caller.account.deleteAccount({ confirmEmail: mentee.email }))).toBe(
      "PASSWORD_INCORRECT",
    );
    expect(
      await codeOf(
        mentee.caller.account.deleteAccount({
          confirmEmail: "other@people.test",
          password: PASSWORD,
        }),
      ),
    ).toBe("VALIDATION_FAILED");
    const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: mentee.userId } });
    expect(user.deletedAt).toBeNull();
  });

  it("counts wrong passwords in the sign-in lockout: a stolen session cannot guess here", async () => {
    const mentee = await person("guesser");
    const guess = () =>
      codeOf(
        mentee.caller.account.deleteAccount({ confirmEmail: mentee.email, password: "guess" }),
      );
    for (let attempt = 0; attempt < 5; attempt++) expect(await guess()).toBe("PASSWORD_INCORRECT");
    // Locked out now, the right password included.
    expect(await guess()).toBe("TOO_MANY_REQUESTS");
    expect(
      await codeOf(
        mentee.caller.account.deleteAccount({ confirmEmail: mentee.email, password: PASSWORD }),
      ),
    ).toBe("TOO_MANY_REQUESTS");
    const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: mentee.userId } });
    expect(user.deletedAt).toBeNull();
  });

  it("is refused while the wallet holds money, or a mentor's earnings are unpaid", async () => {
    const mentee = await person("wallet");
    await fundWallet(rig.app, mentee.userId, 1_500);
    expect(await mentee.caller.account.deletionBlockers()).toEqual({
      blockers: [{ reason: "WALLET_BALANCE", currency: "EUR", amountMinor: 1_500 }],
      hasPassword: true,
    });
    expect(
      await codeOf(
        mentee.caller.account.deleteAccount({ confirmEmail: mentee.email, password: PASSWORD }),
      ),
    ).toBe("ACCOUNT_DELETION_BLOCKED");

    const mentor = await person("earner");
    await rig.app.prisma.user.update({ where: { id: mentor.userId }, data: { role: "MENTOR" } });
    await creditAvailable(rig.app, mentor.userId, 4_250);
    expect((await mentor.caller.account.deletionBlockers()).blockers).toEqual([
      { reason: "EARNINGS_UNPAID", currency: "EUR", amountMinor: 4_250 },
    ]);
    expect(
      await codeOf(
        mentor.caller.account.deleteAccount({ confirmEmail: mentor.email, password: PASSWORD }),
      ),
    ).toBe("ACCOUNT_DELETION_BLOCKED");
    expect(
      (await rig.app.prisma.user.findUniqueOrThrow({ where: { id: mentor.userId } })).deletedAt,
    ).toBeNull();
  });

  it("cancels upcoming bookings with refunds, erases the person and keeps the books", async () => {
    const { app } = rig;
    const mentee = await person("leaver");
    const { bookingId, paymentId } = await paidBooking(mentee.userId);
    await drainJobs(app, [invoiceRenderJob]);
    const invoice = await app.prisma.invoice.findFirstOrThrow({
      where: { ownerId: mentee.userId },
    });

    const result = await mentee.caller.account.deleteAccount({
      confirmEmail: mentee.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(result).toEqual({ deleted: true, cancelledBookings: 1, cancelledSessions: 0 });

    const booking = await app.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking.status).toBe("CANCELLED");
    const refunds = await app.prisma.refund.findMany({ where: { paymentId } });
    expect(refunds).toHaveLength(1);
    await drainJobs(app, [executeRefundJob]);
    expect(await ledgerIsBalanced(app)).toBe(true);

    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: mentee.userId } });
    expect(user).toMatchObject({ name: "Deleted user", bio: null, headline: null, image: null });
    expect(user.email).not.toContain("people.test");
    expect(user.deletedAt).toBeInstanceOf(Date);
    expect(await app.prisma.session.count({ where: { userId: mentee.userId } })).toBe(0);
    expect(await app.prisma.account.count({ where: { userId: mentee.userId } })).toBe(0);
    // The invoice stays as issued, under the pseudonymous owner id (kept 10 years).
    expect(await app.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject(
      {
        ownerId: mentee.userId,
        number: invoice.number,
      },
    );
    const audit = await app.prisma.auditLog.findFirst({
      where: { action: "user.delete-account", targetId: mentee.userId },
    });
    expect(audit?.actorId).toBe(mentee.userId);

    // Signing in with the old address and password no longer works; the old cookie is dead.
    const signIn = await app.auth.handler(
      authRequest("/sign-in/email", { body: { email: mentee.email, password: PASSWORD } }),
    );
    expect(signIn.ok).toBe(false);
    const withOldCookie = await callerFor(app, { cookie: mentee.cookie });
    expect(await codeOf(withOldCookie.account.me())).toBe("UNAUTHORIZED");

    // The address can open a new account.
    const again = await signUpVerifiedUser(app, { name: "Pat again", email: mentee.email });
    expect(again.userId).not.toBe(mentee.userId);
  });

  it("cancels a leaving mentor's upcoming sessions, refunds their mentees and unlists them", async () => {
    const { app } = rig;
    const other = await createMentorWithOfferings(app);
    const mentee = await person("left-behind");
    const booking = await holdSlot(app, {
      menteeId: mentee.userId,
      optionId: other.paidOption.id,
      startsAt: nextMondayAt(9, 4),
    });
    const started = await startBookingPayment(app, {
      bookingId: booking.id,
      userId: mentee.userId,
    });
    const back = await rig.payerChooses(started.redirectUrl ?? "", "pay");
    const secret = new URL(back ?? "http://x").searchParams.get("secret") ?? "";
    await handlePaymentReturn(app, { paymentId: started.paymentId, secret });

    // A Google-only mentor has no password: a sign-in older than 15 minutes is refused.
    const stale = await sessionCaller(other.mentor.id, new Date(Date.now() - 20 * 60_000));
    expect(await codeOf(stale.account.deleteAccount({ confirmEmail: other.mentor.email }))).toBe(
      "FRESH_SIGN_IN_REQUIRED",
    );
    // Their pending share is of an upcoming session: the cancellation takes it back.
    const fresh = await sessionCaller(other.mentor.id, new Date());
    expect((await fresh.account.deletionBlockers()).blockers).toEqual([]);
    expect(await fresh.account.deleteAccount({ confirmEmail: other.mentor.email })).toEqual({
      deleted: true,
      cancelledBookings: 0,
      cancelledSessions: 1,
    });
    const after = await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(after).toMatchObject({ status: "CANCELLED", cancelledBy: "MENTOR" });
    expect(await app.prisma.refund.count({ where: { paymentId: started.paymentId } })).toBe(1);
    expect(await app.prisma.availabilityRule.count({ where: { mentorId: other.mentor.id } })).toBe(
      0,
    );
    const anonymous = await callerFor(app);
    expect(await codeOf(anonymous.directory.mentor({ mentorId: other.mentor.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await ledgerIsBalanced(app)).toBe(true);
  });
});

/** A caller signed in as this user with a session created at `createdAt`. */
async function sessionCaller(userId: string, createdAt: Date) {
  const context = await contextFor(rig.app);
  const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: `s-${userId}`, userId, createdAt } },
  } as never);
}

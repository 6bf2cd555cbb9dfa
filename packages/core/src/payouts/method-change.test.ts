import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendEmailJob } from "../app/job-handlers.ts";

import { AppError, errorCodeOf } from "../errors/index.ts";
import {
  createPaymentsRig,
  drainJobs,
  ledgerIsBalanced,
} from "../payments/testing/payments-rig.ts";
import { toUserFacingError } from "../trpc/error-shape.ts";
import { executePayout, executePayoutJob } from "./execute-payout.job.ts";
import { requestPayout } from "./payout-service.ts";
import {
  callerAs,
  createAdmin,
  createMentor,
  creditAvailable,
  mentorBalances,
  sandboxTransfers,
} from "./testing/payouts-rig.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let adminId: string;
beforeAll(async () => {
  rig = await createPaymentsRig({ PAYOUT_MINIMUM_MINOR: "*:1000" });
  adminId = (await createAdmin(rig.app)).id;
});
afterAll(async () => {
  await rig?.app.close();
});

const HOUR = 3_600_000;
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

/** A mentor with earnings and a first sandbox method set through the procedure (no cooldown). */
async function mentorWithMethod(availableMinor: number, account: string) {
  const mentor = await createMentor(rig.app, `Mentor ${account}`);
  await creditAvailable(rig.app, mentor.id, availableMinor);
  const caller = await callerAs(rig.app, mentor.id);
  await caller.payouts.setMethod({ kind: "SANDBOX", account });
  return { mentor, caller };
}

const transfersOf = async (payoutId: string) =>
  (await sandboxTransfers(rig.app)).filter((transfer) => transfer.payoutId === payoutId);

describe("the destination is frozen at request", () => {
  it("approval and execution pay the destination shown at request, whatever is on file later", async () => {
    const { mentor, caller } = await mentorWithMethod(5_000, "owner-account");
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 5_000 });
    // Someone rewrites the method behind the procedures' back (no cancellation, no cooldown).
    await rig.app.prisma.payoutMethod.update({
      where: { mentorId: mentor.id },
      data: { destination: { account: "attacker-account" } },
    });
    const admin = await callerAs(rig.app, adminId);
    const queue = await admin.admin.payouts.queue({ status: "REQUESTED", limit: 100 });
    const row = queue.items.find((item) => item.id === payout.id);
    expect(row).toMatchObject({
      destination: "sandbox:owner-account",
      methodAgeHours: 0,
      // Set within the cooldown (48 h) before the request: the page flags it.
      methodIsFresh: true,
    });
    expect(row?.methodSetAt).toBeInstanceOf(Date);
    await rig.app.prisma.payout.update({
      where: { id: payout.id },
      data: { methodSetAt: new Date(payout.createdAt.getTime() - 72 * 3_600_000) },
    });
    const later = await admin.admin.payouts.queue({ status: "REQUESTED", limit: 100 });
    expect(later.items.find((item) => item.id === payout.id)).toMatchObject({
      methodAgeHours: 72,
      methodIsFresh: false,
    });

    await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    await drainJobs(rig.app, [executePayoutJob]);
    const transfers = await transfersOf(payout.id);
    expect(transfers.map((t) => [t.status, t.destination])).toEqual([
      ["paid", { kind: "sandbox", account: "owner-account" }],
    ]);
    expect(
      await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } }),
    ).toMatchObject({ status: "PAID", destination: { account: "owner-account" } });
  });

  it("a method change cancels open requests (money back, audited, mentor e-mailed); execute then pays nothing", async () => {
    const { mentor, caller } = await mentorWithMethod(9_000, "first-account");
    const requested = await caller.payouts.request({ currency: "EUR", amountMinor: 4_000 });
    const approved = await caller.payouts.request({ currency: "EUR", amountMinor: 3_000 });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.payouts.approve({ payoutIds: [approved.id] });
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 2_000, reserved: 7_000 });

    await caller.payouts.setMethod({ kind: "SANDBOX", account: "second-account" });
    for (const id of [requested.id, approved.id]) {
      expect(await rig.app.prisma.payout.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "CANCELLED",
        reserved: false,
      });
    }
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 9_000, reserved: 0 });
    expect(await ledgerIsBalanced(rig.app)).toBe(true);

    // The execute job enqueued at approval finds nothing to pay.
    await drainJobs(rig.app, [executePayoutJob]);
    expect(await transfersOf(approved.id)).toEqual([]);

    const audit = await rig.app.prisma.auditLog.findMany({
      where: {
        action: { in: ["payout.method-change", "payout.cancel-on-method-change"] },
        OR: [{ targetId: mentor.id }, { targetId: { in: [requested.id, approved.id] } }],
      },
    });
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      "payout.cancel-on-method-change",
      "payout.cancel-on-method-change",
      "payout.method-change",
      "payout.method-change",
    ]);
    const change = audit.find(
      (entry) =>
        entry.action === "payout.method-change" &&
        (entry.details as { from: unknown }).from !== null,
    );
    expect(change).toMatchObject({
      actorId: mentor.id,
      details: {
        from: { kind: "SANDBOX", destination: "sandbox:first-account" },
        to: { kind: "SANDBOX", destination: "sandbox:second-account" },
      },
    });

    await drainJobs(rig.app, [sendEmailJob]);
    const emails = await rig.app.prisma.outboxEmail.findMany({ where: { to: mentor.email } });
    // One e-mail: the first method set is not a change.
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toMatch(/payout method was changed/);
    expect(emails[0]?.text).toContain("sandbox:second-account");
    expect(emails[0]?.text).toContain("2 open payout request(s) were cancelled");
  });

  it("a change racing payout.execute: the money goes to the frozen destination or nowhere", async () => {
    const { mentor, caller } = await mentorWithMethod(2_000, "race-owner");
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 2_000 });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    const [outcome] = await Promise.all([
      executePayout(rig.app, payout.id),
      caller.payouts.setMethod({ kind: "SANDBOX", account: "race-attacker" }),
    ]);
    const after = await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } });
    const transfers = await transfersOf(payout.id);
    if (outcome === "paid") {
      expect(after.status).toBe("PAID");
      expect(transfers.map((t) => t.destination)).toEqual([
        { kind: "sandbox", account: "race-owner" },
      ]);
    } else {
      expect(outcome).toBe("not-approved");
      expect(after.status).toBe("CANCELLED");
      expect(transfers).toEqual([]);
      expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 2_000, reserved: 0 });
    }
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });
});

describe("cooldown after a change", () => {
  it("refuses a request until PAYOUT_METHOD_COOLDOWN_HOURS passed, saying when; then pays the new method", async () => {
    const { mentor, caller } = await mentorWithMethod(3_000, "before-change");
    const changedAt = Date.now();
    const saved = await caller.payouts.setMethod({ kind: "SANDBOX", account: "after-change" });
    const availableAt = saved?.cooldownUntil;
    expect(availableAt).toBeInstanceOf(Date);
    expect(Math.abs((availableAt?.getTime() ?? 0) - (changedAt + 48 * HOUR))).toBeLessThan(60_000);

    const refusal = await caller.payouts
      .request({ currency: "EUR", amountMinor: 3_000 })
      .catch((error: unknown) => error);
    expect(errorCodeOf(refusal)).toBe("PAYOUT_METHOD_COOLDOWN");
    const shown = toUserFacingError(refusal, { locale: "en", requestId: "r1" });
    expect(shown.code).toBe("PAYOUT_METHOD_COOLDOWN");
    expect(shown.message).toContain("you can ask for a payout to it from");
    expect(shown.message).toMatch(/20\d\d.*UTC/);
    expect(shown.details).toEqual({ availableAt });

    // Just before the end: still refused. After: accepted, frozen to the new method.
    const justBefore = new Date((availableAt as Date).getTime() - 1_000);
    const early = requestPayout(rig.app, {
      mentorId: mentor.id,
      currency: "EUR",
      amountMinor: 3_000,
      now: justBefore,
    });
    expect(await codeOf(early)).toBe("PAYOUT_METHOD_COOLDOWN");
    const payout = await requestPayout(rig.app, {
      mentorId: mentor.id,
      currency: "EUR",
      amountMinor: 3_000,
      now: new Date((availableAt as Date).getTime() + 1_000),
    });
    expect(payout.destination).toEqual({ account: "after-change" });
  });

  it("no cooldown for a first method or for the same destination saved again", async () => {
    const { mentor, caller } = await mentorWithMethod(4_000, "steady");
    const first = await caller.payouts.request({ currency: "EUR", amountMinor: 2_000 });
    const same = await caller.payouts.setMethod({ kind: "SANDBOX", account: "steady" });
    expect(same?.cooldownUntil).toBeNull();
    expect(
      await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: first.id } }),
    ).toMatchObject({ status: "REQUESTED" });
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "OK",
    );
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 0, reserved: 4_000 });
  });

  it("PAYOUT_METHOD_COOLDOWN_HOURS=0 turns the cooldown off (cancellation still happens)", async () => {
    const other = await createPaymentsRig({ PAYOUT_METHOD_COOLDOWN_HOURS: "0" });
    try {
      const mentor = await createMentor(other.app, "No Cooldown");
      await creditAvailable(other.app, mentor.id, 2_000);
      const caller = await callerAs(other.app, mentor.id);
      await caller.payouts.setMethod({ kind: "SANDBOX", account: "one" });
      const open = await caller.payouts.request({ currency: "EUR", amountMinor: 2_000 });
      await caller.payouts.setMethod({ kind: "SANDBOX", account: "two" });
      expect(
        await other.app.prisma.payout.findUniqueOrThrow({ where: { id: open.id } }),
      ).toMatchObject({ status: "CANCELLED" });
      expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
        "OK",
      );
    } finally {
      await other.app.close();
    }
  });

  it("the error is a stable AppError", () => {
    expect(new AppError("PAYOUT_METHOD_COOLDOWN").code).toBe("PAYOUT_METHOD_COOLDOWN");
  });
});

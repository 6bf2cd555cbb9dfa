import { idempotencyKey } from "@mentora/payment-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf } from "../errors/index.ts";
import { invoiceUrlPath } from "../invoices/index.ts";
import { accounts, balanceOf } from "../ledger/index.ts";
import {
  createPaymentsRig,
  drainJobs,
  ledgerIsBalanced,
} from "../payments/testing/payments-rig.ts";
import { payoutsCsv } from "./admin/list-payouts.ts";
import { executePayoutJob } from "./execute-payout.job.ts";
import { isValidIban } from "./method.ts";
import { requestPayout } from "./payout-service.ts";
import {
  ADMIN_IP,
  callerAs,
  createAdmin,
  createMentor,
  creditAvailable,
  mentorBalances,
  sandboxTransfers,
  setSandboxMethod,
} from "./testing/payouts-rig.ts";
import { handlePayoutEvent } from "./webhook-handlers.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let adminId: string;
beforeAll(async () => {
  rig = await createPaymentsRig({ PAYOUT_MINIMUM_MINOR: "EUR:2000,*:1000" });
  adminId = (await createAdmin(rig.app)).id;
});
afterAll(async () => {
  await rig?.app.close();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? (error as { code?: string }).code ?? String(error),
  );

async function fundedMentor(availableMinor: number, name?: string, withMethod = true) {
  const mentor = await createMentor(rig.app, name);
  await creditAvailable(rig.app, mentor.id, availableMinor);
  if (withMethod) await setSandboxMethod(rig.app, mentor.id);
  return { mentor, caller: await callerAs(rig.app, mentor.id) };
}

const runExecuteJobs = () => drainJobs(rig.app, [executePayoutJob]);

describe("payout methods", () => {
  it("offers every kind outside production, and the sandbox never in production", async () => {
    const mentor = await createMentor(rig.app);
    const caller = await callerAs(rig.app, mentor.id);
    expect(await caller.payouts.methodKinds()).toEqual([
      "STRIPE_CONNECT",
      "PAYPAL",
      "BANK_TRANSFER",
      "SANDBOX",
    ]);
    const { config } = rig.app;
    const production = await callerAs(
      { ...rig.app, config: { ...config, app: { ...config.app, env: "production" } } } as never,
      mentor.id,
    );
    expect(await production.payouts.methodKinds()).toEqual([
      "STRIPE_CONNECT",
      "PAYPAL",
      "BANK_TRANSFER",
    ]);
  });

  it("validates each kind and stores the mentor's method", async () => {
    const mentor = await createMentor(rig.app);
    const caller = await callerAs(rig.app, mentor.id);
    expect(await caller.payouts.getMethod()).toBeNull();
    expect(
      await codeOf(
        caller.payouts.setMethod({
          kind: "BANK_TRANSFER",
          iban: "FR76 3000 6000 0112 3456 7890 188",
          accountHolder: "Mona Mentor",
        }),
      ),
    ).toBe("BAD_REQUEST");
    const saved = await caller.payouts.setMethod({
      kind: "BANK_TRANSFER",
      iban: "fr76 3000 6000 0112 3456 7890 189",
      accountHolder: "Mona Mentor",
    });
    expect(saved?.method).toEqual({
      kind: "BANK_TRANSFER",
      iban: "FR7630006000011234567890189",
      accountHolder: "Mona Mentor",
    });
    expect(await codeOf(caller.payouts.setMethod({ kind: "PAYPAL", email: "nope" }))).toBe(
      "BAD_REQUEST",
    );
    // Stripe accounts are onboarded on Stripe's form, never pasted (one could be someone else's).
    expect(
      await codeOf(caller.payouts.setMethod({ kind: "STRIPE_CONNECT", accountId: "acct_1AbCdEf" })),
    ).toBe("PAYOUT_ONBOARDING_REQUIRED");
    // Stripe is not loaded in this app: its onboarding is unavailable.
    expect(await codeOf(caller.payouts.startOnboarding())).toBe("PAYOUT_METHOD_UNAVAILABLE");
    await caller.payouts.setMethod({ kind: "SANDBOX", account: "demo" });
    expect((await caller.payouts.getMethod())?.method).toEqual({
      kind: "SANDBOX",
      account: "demo",
    });
  });

  it("checks IBANs with mod 97", () => {
    expect(isValidIban("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(isValidIban("GB82 WEST 1234 5698 7654 33")).toBe(false);
    expect(isValidIban("TN59 1000 6035 1835 9847 8831")).toBe(true);
  });
});

describe("payout requests", () => {
  it("refuses over the available balance, under the minimum, and without a method", async () => {
    const { mentor, caller } = await fundedMentor(5_000);
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 5_001 }))).toBe(
      "PAYOUT_EXCEEDS_AVAILABLE",
    );
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 1_999 }))).toBe(
      "PAYOUT_BELOW_MINIMUM",
    );
    await rig.app.prisma.payoutMethod.delete({ where: { mentorId: mentor.id } });
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_METHOD_MISSING",
    );
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 5_000, reserved: 0 });
    expect(await rig.app.prisma.payout.count({ where: { mentorId: mentor.id } })).toBe(0);
  });

  it("reserves in the request; concurrent requests never over-reserve", async () => {
    const { mentor, caller } = await fundedMentor(10_000);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 3_000 })),
      ),
    );
    expect(outcomes.filter((code) => code === "OK")).toHaveLength(3);
    expect(outcomes.filter((code) => code === "PAYOUT_EXCEEDS_AVAILABLE")).toHaveLength(7);
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 1_000, reserved: 9_000 });
    const balances = await caller.payouts.balances();
    expect(balances).toEqual([
      expect.objectContaining({
        currency: "EUR",
        availableMinor: 1_000,
        reservedMinor: 9_000,
        minimumPayoutMinor: 2_000,
      }),
    ]);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });

  it("the mentor cancels a REQUESTED payout: reservation back; another mentor gets NOT_FOUND", async () => {
    const { mentor, caller } = await fundedMentor(4_000);
    const other = await callerAs(rig.app, (await createMentor(rig.app, "Other")).id);
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 2_500 });
    expect(await codeOf(other.payouts.cancel({ payoutId: payout.id }))).toBe("NOT_FOUND");
    expect((await other.payouts.list()).items).toHaveLength(0);
    expect((await caller.payouts.cancel({ payoutId: payout.id })).status).toBe("CANCELLED");
    expect(await codeOf(caller.payouts.cancel({ payoutId: payout.id }))).toBe(
      "PAYOUT_STATUS_CONFLICT",
    );
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 4_000, reserved: 0 });
  });
});

describe("approval, execution, failure, rejection", () => {
  it("approve enqueues execute; the payout is paid once; the audit row has actor and IP", async () => {
    const { mentor, caller } = await fundedMentor(6_000);
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 5_000 });
    const admin = await callerAs(rig.app, adminId);
    const approved = await admin.admin.payouts.approve({ payoutIds: [payout.id, "missing-id"] });
    expect(approved.results).toEqual([
      expect.objectContaining({ id: payout.id, ok: true }),
      { id: "missing-id", ok: false, code: "NOT_FOUND", payout: null },
    ]);
    const again = await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    expect(again.results[0]?.code).toBe("PAYOUT_STATUS_CONFLICT");
    // Request and approval each recorded their event once, in their own commits (issue #15).
    const events = await rig.app.prisma.domainEvent.findMany({
      where: { data: { path: ["payoutId"], equals: payout.id } },
      select: { type: true },
      orderBy: { occurredAt: "asc" },
    });
    expect(events.map((event) => event.type)).toEqual(["payout.requested", "payout.approved"]);

    expect(await runExecuteJobs()).toBeGreaterThanOrEqual(1);
    const row = await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } });
    expect(row).toMatchObject({ status: "PAID", attempts: 1, reserved: false });
    expect(row.reference).toMatch(/^sbx_po_/);
    const transfers = (await sandboxTransfers(rig.app)).filter((t) => t.payoutId === payout.id);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]?.idempotencyKey).toBe(idempotencyKey.payout(payout.id));
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 1_000, reserved: 0 });
    expect(
      await rig.app.prisma.ledgerTransaction.count({
        where: { idempotencyKey: `payout:${payout.id}:paid` },
      }),
    ).toBe(1);
    expect(await ledgerIsBalanced(rig.app)).toBe(true);

    const audit = await admin.admin.audit.list({ action: "payout.approve", targetId: payout.id });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actorId: adminId,
      ip: ADMIN_IP,
      userAgent: "payouts-test/1.0",
      targetType: "payout",
    });
    expect((await caller.payouts.list()).items[0]).toMatchObject({ id: payout.id, status: "PAID" });
    // One payout statement, for the mentor, numbered in the R- series.
    const statements = await rig.app.prisma.invoice.findMany({ where: { payoutId: payout.id } });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ kind: "PAYOUT_STATEMENT", ownerId: mentor.id });
    expect(statements[0]?.number).toMatch(/^R-\d{4}-\d{6}$/);
    // The mentor's list carries the statement's link: the page holds no join of its own.
    expect((await caller.payouts.list()).items[0]?.statement).toEqual({
      number: statements[0]?.number,
      url: invoiceUrlPath(statements[0]?.id ?? ""),
    });
  });

  it("a refused payout returns the reservation and goes back to REQUESTED with the reason; a new attempt pays", async () => {
    const { mentor, caller } = await fundedMentor(3_000);
    await setSandboxMethod(rig.app, mentor.id, "will-fail");
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 3_000 });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    await runExecuteJobs();
    const failed = await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } });
    expect(failed).toMatchObject({
      status: "REQUESTED",
      attempts: 1,
      lastFailure: "sandbox_destination_rejected",
      reserved: false,
    });
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 3_000, reserved: 0 });

    // Approved again, it retries the destination frozen at request (not whatever is on file).
    await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 0, reserved: 3_000 });
    await runExecuteJobs();
    expect(
      await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } }),
    ).toMatchObject({ status: "REQUESTED", attempts: 2 });

    // The mentor fixes the method: the open request is cancelled, a new one waits the cooldown.
    await caller.payouts.setMethod({ kind: "SANDBOX", account: "good-account" });
    expect(
      await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } }),
    ).toMatchObject({ status: "CANCELLED", reserved: false });
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 3_000, reserved: 0 });
    const later = new Date(Date.now() + 49 * 3_600_000);
    const again = await requestPayout(rig.app, {
      mentorId: mentor.id,
      currency: "EUR",
      amountMinor: 3_000,
      now: later,
    });
    await admin.admin.payouts.approve({ payoutIds: [again.id] });
    await runExecuteJobs();
    const paid = await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: again.id } });
    expect(paid).toMatchObject({
      status: "PAID",
      attempts: 1,
      destination: { account: "good-account" },
    });
    const transfers = (await sandboxTransfers(rig.app)).filter((t) =>
      [payout.id, again.id].includes(t.payoutId),
    );
    expect(transfers.map((t) => t.status)).toEqual(["failed", "failed", "paid"]);
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 0, reserved: 0 });
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });

  it("reject returns the reservation and is audited; the mentor sees the reason", async () => {
    const { mentor, caller } = await fundedMentor(2_000);
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 2_000 });
    const admin = await callerAs(rig.app, adminId);
    const result = await admin.admin.payouts.reject({
      payoutIds: [payout.id],
      reason: "Identity check pending",
    });
    expect(result.results[0]).toMatchObject({ ok: true, payout: { status: "REJECTED" } });
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 2_000, reserved: 0 });
    const mine = await caller.payouts.list();
    expect(mine.items[0]).toMatchObject({ rejectionReason: "Identity check pending" });
    const audit = await admin.admin.audit.list({ action: "payout.reject" });
    expect(audit.items.find((item) => item.targetId === payout.id)).toMatchObject({
      actorId: adminId,
      ip: ADMIN_IP,
      details: expect.objectContaining({ reason: "Identity check pending" }),
    });
  });

  it("a bank transfer is approved without a job and marked paid by an admin with the reference", async () => {
    const { mentor, caller } = await fundedMentor(2_500, undefined, false);
    await caller.payouts.setMethod({
      kind: "BANK_TRANSFER",
      iban: "GB82WEST12345698765432",
      accountHolder: "Mona Mentor",
    });
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 2_500 });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    expect(await runExecuteJobs()).toBe(0);
    const queue = await admin.admin.payouts.queue({ status: "APPROVED" });
    expect(queue.items.map((item) => item.id)).toContain(payout.id);
    const paid = await admin.admin.payouts.markPaid({ payoutId: payout.id, reference: "SEPA-42" });
    expect(paid).toMatchObject({
      status: "PAID",
      reference: "SEPA-42",
      destination: "GB…5432 (Mona Mentor)",
    });
    expect(
      await codeOf(admin.admin.payouts.markPaid({ payoutId: payout.id, reference: "x" })),
    ).toBe("PAYOUT_STATUS_CONFLICT");
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 0, reserved: 0 });
    expect(
      await balanceOf(rig.app.prisma, accounts.clearing("bank-transfer", "EUR")),
    ).toBeGreaterThanOrEqual(2_500);
    const statement = await rig.app.prisma.invoice.findUniqueOrThrow({
      where: { payoutId: payout.id },
    });
    expect(statement.document).toMatchObject({
      kind: "payout_statement",
      payment: {
        status: "paid",
        method: expect.stringMatching(/^(Bank transfer|Virement bancaire)$/),
        reference: "SEPA-42",
      },
    });
    const audit = await admin.admin.audit.list({ action: "payout.mark-paid" });
    expect(audit.items.some((item) => item.targetId === payout.id && item.ip === ADMIN_IP)).toBe(
      true,
    );
  });

  it("payout.paid webhooks drive the same idempotent transition", async () => {
    const { mentor, caller } = await fundedMentor(2_000);
    const payout = await caller.payouts.request({ currency: "EUR", amountMinor: 2_000 });
    const admin = await callerAs(rig.app, adminId);
    await admin.admin.payouts.approve({ payoutIds: [payout.id] });
    // A worker claimed it and the transfer was made, but its answer was lost.
    await rig.app.prisma.payout.update({
      where: { id: payout.id },
      data: { status: "PROCESSING", processingAt: new Date(), attempts: 1 },
    });
    const gateway = rig.app.gateways.get("sandbox");
    const transfer = await gateway.createPayout?.({
      payoutId: payout.id,
      idempotencyKey: idempotencyKey.payout(payout.id),
      amount: { amountMinor: 2_000, currency: "EUR" },
      destination: { kind: "sandbox", account: "x" },
      note: "test",
    });
    const event = {
      type: "payout.paid" as const,
      eventId: `evt-${payout.id}`,
      providerPayoutId: transfer?.providerPayoutId ?? "",
      occurredAt: new Date(),
    };
    // Not known by its provider id yet: nothing happens (reconcile repairs it).
    await handlePayoutEvent(rig.app, "sandbox", event);
    expect(
      (await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status,
    ).toBe("PROCESSING");
    await rig.app.prisma.payout.update({
      where: { id: payout.id },
      data: { providerPayoutId: event.providerPayoutId },
    });
    await handlePayoutEvent(rig.app, "sandbox", event);
    await handlePayoutEvent(rig.app, "sandbox", event);
    expect(
      (await rig.app.prisma.payout.findUniqueOrThrow({ where: { id: payout.id } })).status,
    ).toBe("PAID");
    // The execute job (approve sent it) finds it paid and does nothing.
    await runExecuteJobs();
    expect((await sandboxTransfers(rig.app)).filter((t) => t.payoutId === payout.id)).toHaveLength(
      1,
    );
    expect(await mentorBalances(rig.app, mentor.id)).toEqual({ available: 0, reserved: 0 });
    expect(await ledgerIsBalanced(rig.app)).toBe(true);
  });
});

describe("admin history", () => {
  it("filters, pages with a cursor and exports the same rows as formula-safe CSV", async () => {
    const { mentor, caller } = await fundedMentor(20_000, "=cmd Mentor");
    for (const amount of [2_000, 3_000, 4_000]) {
      await caller.payouts.request({ currency: "EUR", amountMinor: amount });
    }
    const admin = await callerAs(rig.app, adminId);
    const first = await admin.admin.payouts.list({ mentor: mentor.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await admin.admin.payouts.list({
      mentor: mentor.id,
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const big = await admin.admin.payouts.list({
      mentor: "=cmd",
      minAmountMinor: 2_500,
      maxAmountMinor: 3_500,
      status: "REQUESTED",
      method: "SANDBOX",
    });
    expect(big.items.map((item) => item.amountMinor)).toEqual([3_000]);
    const future = await admin.admin.payouts.list({
      mentor: mentor.id,
      from: new Date(Date.now() + 86_400_000),
    });
    expect(future.items).toHaveLength(0);
    const queue = await admin.admin.payouts.queue({});
    expect(queue.items.every((item) => item.status === "REQUESTED")).toBe(true);

    let csv = "";
    for await (const line of payoutsCsv(rig.app.prisma, { mentor: mentor.id })) csv += line;
    const lines = csv.trim().split("\r\n");
    expect(lines[0]?.startsWith("id,createdAt,status,mentorId")).toBe(true);
    expect(lines).toHaveLength(4);
    expect(csv).toContain("'=cmd Mentor");
    expect(csv).not.toMatch(/,=cmd/);
  });
});

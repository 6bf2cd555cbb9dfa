import { type FakeStripe, signedWebhook, startFakeStripe } from "@mentora/gateway-stripe/testing";
import type { WebhookRequest } from "@mentora/payment-gateway";
import { findSpecsDir } from "@mentora/payment-gateway/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessWebhookJob, webhookEventHandlers } from "../app/job-handlers.ts";
import { errorCodeOf } from "../errors/index.ts";
import { receiveWebhook } from "../payments/index.ts";
import { createPaymentsRig, drainJobs } from "../payments/testing/payments-rig.ts";
import { callerAs, createMentor, creditAvailable } from "./testing/payouts-rig.ts";

const specsDir = findSpecsDir();
if (!specsDir && process.env.CI === "true") throw new Error("vendor specs not found");

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

describe.skipIf(!specsDir)("Stripe Connect Express onboarding (core, against the fake)", () => {
  let fake: FakeStripe;
  let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
  const processWebhook = createProcessWebhookJob(webhookEventHandlers);

  beforeAll(async () => {
    fake = await startFakeStripe({ specsDir: specsDir ?? "" });
    rig = await createPaymentsRig({
      PAYMENT_GATEWAYS: "@mentora/gateway-sandbox,@mentora/gateway-stripe",
      PAYMENT_ROUTING: "*:sandbox",
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.url,
      PAYOUT_MINIMUM_MINOR: "*:1000",
    });
  });
  afterAll(async () => {
    await rig?.app.close();
    await fake?.close();
    expect(fake?.specViolations ?? []).toEqual([]);
  });

  /** Delivers to /api/webhooks/stripe as the web edge does; the answers' statuses. */
  async function deliver(requests: readonly WebhookRequest[]) {
    const answers = [];
    for (const request of requests) {
      const answer = await receiveWebhook(
        rig.app,
        new Request("http://localhost/api/webhooks/stripe", {
          method: "POST",
          headers: request.headers,
          body: Buffer.from(request.rawBody),
        }),
        "stripe",
        null,
      );
      answers.push(answer);
    }
    await drainJobs(rig.app, [processWebhook]);
    return answers;
  }

  const accountRow = (mentorId: string) =>
    rig.app.prisma.payoutAccount.findFirstOrThrow({ where: { mentorId, provider: "stripe" } });

  async function onboardedMentor(name: string) {
    const mentor = await createMentor(rig.app, name);
    const caller = await callerAs(rig.app, mentor.id);
    const { url } = await caller.payouts.startOnboarding();
    const row = await accountRow(mentor.id);
    return { mentor, caller, url, accountId: row.providerAccountId };
  }

  it("one account under a double click; the method is Stripe; a single-use link to the hosted form", async () => {
    const mentor = await createMentor(rig.app, "Double Click");
    await rig.app.prisma.billingDetails.create({ data: { userId: mentor.id, country: "FR" } });
    const caller = await callerAs(rig.app, mentor.id);
    const before = fake.state.accounts.size;
    const [first, second] = await Promise.all([
      caller.payouts.startOnboarding(),
      caller.payouts.startOnboarding(),
    ]);
    expect(fake.state.accounts.size).toBe(before + 1);
    const rows = await rig.app.prisma.payoutAccount.findMany({ where: { mentorId: mentor.id } });
    expect(rows).toHaveLength(1);
    const accountId = rows[0]?.providerAccountId ?? "";
    expect(fake.state.accounts.get(accountId)).toMatchObject({
      type: "express",
      country: "FR",
      email: mentor.email,
      metadata: { mentorId: mentor.id },
      capabilities: { transfers: "inactive" },
    });
    for (const { url } of [first, second]) {
      expect(url.startsWith(`https://connect.stripe.com/setup/e/${accountId}/`)).toBe(true);
    }
    expect(first.url).not.toBe(second.url);
    const method = await caller.payouts.getMethod();
    expect(method).toMatchObject({
      method: { kind: "STRIPE_CONNECT", accountId },
      account: { detailsSubmitted: false, payoutsEnabled: false },
    });
    expect(method?.account?.currentlyDue).toContain("external_account");
    // The first method: one change, audited once (the second click saved the same destination).
    const audit = await rig.app.prisma.auditLog.findMany({
      where: { action: "payout.method-change", targetId: mentor.id },
    });
    expect(audit).toHaveLength(1);
    // Clicking again ("Continue setup") reuses the account.
    await caller.payouts.startOnboarding();
    expect(fake.state.accounts.size).toBe(before + 1);
  });

  it("payouts wait for payouts_enabled, which signed account.updated events keep up to date", async () => {
    const { mentor, caller, accountId } = await onboardedMentor("Status Webhooks");
    await creditAvailable(rig.app, mentor.id, 9_000);
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_ACCOUNT_NOT_READY",
    );
    fake.takeWebhooks();

    fake.completeOnboarding(accountId);
    const answers = await deliver(fake.takeWebhooks());
    expect(answers.map((a) => [a.status, a.body.stored])).toEqual([[200, 1]]);
    expect(await accountRow(mentor.id)).toMatchObject({
      detailsSubmitted: true,
      payoutsEnabled: true,
      currentlyDue: [],
    });
    expect((await caller.payouts.getMethod())?.account?.payoutsEnabled).toBe(true);
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "OK",
    );

    // Stripe needs a document: payouts stop until it is given.
    fake.requireMore(accountId, ["individual.verification.document"]);
    await deliver(fake.takeWebhooks());
    expect(await accountRow(mentor.id)).toMatchObject({
      payoutsEnabled: false,
      currentlyDue: ["individual.verification.document"],
    });
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_ACCOUNT_NOT_READY",
    );
    const events = await rig.app.prisma.webhookEvent.findMany({
      where: { provider: "stripe", type: "payout_account.updated" },
    });
    expect(events.every((event) => event.status === "PROCESSED")).toBe(true);
  });

  it("a forged, unsigned or stale account.updated is refused and changes nothing", async () => {
    const { mentor, accountId } = await onboardedMentor("Forged Events");
    fake.takeWebhooks();
    fake.completeOnboarding(accountId);
    const [genuine] = fake.takeWebhooks();
    if (!genuine) throw new Error("no account.updated");
    const body = new TextDecoder().decode(genuine.rawBody);
    const forged = signedWebhook(body, "whsec_an_attackers_guess");
    const stale = signedWebhook(body, fake.webhookSecret, Math.floor(Date.now() / 1000) - 3_600);
    const { "stripe-signature": _signature, ...unsignedHeaders } = genuine.headers;
    const unsigned = { ...genuine, headers: unsignedHeaders };
    const answers = await deliver([forged, stale, unsigned]);
    expect(answers.map((a) => [a.status, a.body.error])).toEqual([
      [400, "bad_signature"],
      [400, "stale"],
      [400, "missing_signature"],
    ]);
    expect(await accountRow(mentor.id)).toMatchObject({ payoutsEnabled: false });
    // Even the genuine event is only a hint: the status stored is what Stripe answers.
    await deliver([genuine]);
    expect(await accountRow(mentor.id)).toMatchObject({ payoutsEnabled: true });
  });

  it("an event about an account that is not ours is ignored; no pasted ids, not even a neighbour's", async () => {
    const { mentor: owner, accountId } = await onboardedMentor("Account Owner");
    const other = await createMentor(rig.app, "Neighbour");
    const neighbour = await callerAs(rig.app, other.id);
    expect(await codeOf(neighbour.payouts.setMethod({ kind: "STRIPE_CONNECT", accountId }))).toBe(
      "PAYOUT_ONBOARDING_REQUIRED",
    );
    expect(
      await rig.app.prisma.payoutMethod.findUnique({ where: { mentorId: other.id } }),
    ).toBeNull();

    // An account made at Stripe by someone else (not through us): its events change nothing.
    const stranger = await fetch(`${fake.url}/v1/accounts`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${fake.secretKey}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "type=express&email=stranger%40example.com",
    });
    const strangerId = ((await stranger.json()) as { id: string }).id;
    fake.takeWebhooks();
    fake.completeOnboarding(strangerId);
    const answers = await deliver(fake.takeWebhooks());
    expect(answers.map((a) => a.status)).toEqual([200]);
    expect(
      await rig.app.prisma.payoutAccount.findMany({ where: { providerAccountId: strangerId } }),
    ).toEqual([]);
    expect(await accountRow(owner.id)).toMatchObject({
      providerAccountId: accountId,
      payoutsEnabled: false,
    });
    // Only the owner's account was read from Stripe (the stranger's never was).
    const reads = fake.requests.filter((r) => r.operationId === "GetAccountsAccount");
    expect(reads.some((r) => r.path.endsWith(strangerId))).toBe(false);
  });

  it("the refresh_url only renews the link of the account in use: it never changes the method", async () => {
    const mentor = await createMentor(rig.app, "Cross Site Victim");
    const caller = await callerAs(rig.app, mentor.id);
    await caller.payouts.setMethod({ kind: "SANDBOX", account: "mine" });
    const before = fake.state.accounts.size;
    expect(await codeOf(caller.payouts.startOnboarding({ resume: true }))).toBe(
      "PAYOUT_ONBOARDING_REQUIRED",
    );
    expect(fake.state.accounts.size).toBe(before);
    expect((await caller.payouts.getMethod())?.method).toEqual({
      kind: "SANDBOX",
      account: "mine",
    });
    const { url } = await caller.payouts.startOnboarding();
    const accountId = (await accountRow(mentor.id)).providerAccountId;
    // Back to the sandbox: the Stripe account stays, but a refresh no longer switches to it.
    await caller.payouts.setMethod({ kind: "SANDBOX", account: "mine" });
    expect(await codeOf(caller.payouts.startOnboarding({ resume: true }))).toBe(
      "PAYOUT_ONBOARDING_REQUIRED",
    );
    await caller.payouts.startOnboarding();
    const resumed = await caller.payouts.startOnboarding({ resume: true });
    expect(resumed.url).toContain(`/setup/e/${accountId}/`);
    expect(resumed.url).not.toBe(url);
    expect(fake.state.accounts.size).toBe(before + 1);
  });

  it("back from the hosted form, the status is asked of Stripe at once (webhooks may lag)", async () => {
    const { mentor, caller, accountId } = await onboardedMentor("Returning Mentor");
    fake.completeOnboarding(accountId);
    const method = await caller.payouts.refreshAccount();
    expect(method?.account).toMatchObject({ detailsSubmitted: true, payoutsEnabled: true });
    expect((await accountRow(mentor.id)).statusAt).toBeInstanceOf(Date);
  });

  it("a Stripe id pasted before onboarding existed is adopted, not duplicated", async () => {
    const mentor = await createMentor(rig.app, "Legacy Paster");
    const created = await fetch(`${fake.url}/v1/accounts`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${fake.secretKey}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "type=express&email=legacy%40example.com",
    });
    const legacyId = ((await created.json()) as { id: string }).id;
    await rig.app.prisma.payoutMethod.create({
      data: { mentorId: mentor.id, kind: "STRIPE_CONNECT", destination: { accountId: legacyId } },
    });
    const caller = await callerAs(rig.app, mentor.id);
    // Shown as it is, but not payable until Stripe says so.
    expect((await caller.payouts.getMethod())?.account).toBeNull();
    await creditAvailable(rig.app, mentor.id, 5_000);
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_ACCOUNT_NOT_READY",
    );
    const before = fake.state.accounts.size;
    const { url } = await caller.payouts.startOnboarding();
    expect(url).toContain(`/setup/e/${legacyId}/`);
    expect(fake.state.accounts.size).toBe(before);
    expect((await caller.payouts.getMethod())?.account?.providerAccountId).toBe(legacyId);
  });
});

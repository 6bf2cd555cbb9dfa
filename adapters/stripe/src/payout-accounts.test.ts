import { isGatewayError, type PayoutAccountOnboarding } from "@mentora/payment-gateway";
import { afterEach, beforeEach, expect, it } from "vitest";
import { resigned } from "./testing/fake-webhooks.ts";
import { describeWithSpecs } from "./testing/specs-gate.ts";
import { createStripeHarness, type StripeHarness } from "./testing/stripe-harness.ts";

describeWithSpecs("Stripe Connect Express onboarding against the fake", (specsDir) => {
  let h: StripeHarness;
  let accounts: PayoutAccountOnboarding;
  beforeEach(async () => {
    h = await createStripeHarness(specsDir);
    if (!h.gateway.payoutAccounts) throw new Error("the Stripe gateway has no payoutAccounts");
    accounts = h.gateway.payoutAccounts;
  });
  afterEach(async () => {
    await h.close();
  });

  const links = (accountId: string) => ({
    providerAccountId: accountId,
    refreshUrl: "https://mentora.test/mentor/payouts/stripe/refresh",
    returnUrl: "https://mentora.test/mentor/payouts/stripe/return",
  });

  it("creates an Express account with transfers requested, once per idempotency key", async () => {
    expect(h.gateway.capabilities.payoutAccountOnboarding).toBe(true);
    const input = {
      idempotencyKey: "payout-account:mentor-1",
      payeeId: "mentor-1",
      email: "mentor@example.com",
      country: "FR",
    };
    const [first, second] = await Promise.all([
      accounts.createAccount(input),
      accounts.createAccount(input),
    ]);
    expect(first).toEqual({
      providerAccountId: expect.stringMatching(/^acct_/),
      detailsSubmitted: false,
      payoutsEnabled: false,
      currentlyDue: expect.arrayContaining(["external_account", "tos_acceptance.date"]),
    });
    expect(second?.providerAccountId).toBe(first?.providerAccountId);
    expect(h.fake.state.accounts.size).toBe(1);
    const stored = h.fake.state.accounts.get(first.providerAccountId);
    expect(stored).toMatchObject({
      type: "express",
      email: "mentor@example.com",
      country: "FR",
      metadata: { mentorId: "mentor-1" },
      capabilities: { transfers: "inactive" },
    });
    const posts = h.fake.requests.filter((r) => r.operationId === "PostAccounts");
    expect(posts.map((r) => r.idempotencyKey)).toEqual([
      "payout-account:mentor-1",
      "payout-account:mentor-1",
    ]);
    expect(posts.filter((r) => r.replayed)).toHaveLength(1);
  });

  it("an Account Link opens the hosted form; submitting it enables payouts and signs account.updated", async () => {
    const { providerAccountId } = await accounts.createAccount({
      idempotencyKey: "payout-account:mentor-2",
      payeeId: "mentor-2",
      email: "m2@example.com",
    });
    const link = await accounts.createOnboardingLink(links(providerAccountId));
    expect(link.url.startsWith(`https://connect.stripe.com/setup/e/${providerAccountId}/`)).toBe(
      true,
    );
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const hosted = h.fake.hostedUrl(link.url);

    const form = await fetch(hosted);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Agree and submit");
    // Single use: a second visit goes to refresh_url, for a new link.
    const again = await fetch(hosted, { redirect: "manual" });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(links("").refreshUrl);

    const submitted = await fetch(hosted, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "submitted=1",
      redirect: "manual",
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("location")).toBe(links("").returnUrl);

    expect(await accounts.getAccount(providerAccountId)).toEqual({
      providerAccountId,
      detailsSubmitted: true,
      payoutsEnabled: true,
      currentlyDue: [],
    });
    const deliveries = await h.takeWebhooks();
    const events = (await Promise.all(deliveries.map((d) => h.gateway.parseWebhook(d)))).flat();
    expect(events).toEqual([
      expect.objectContaining({ type: "payout_account.updated", providerAccountId }),
    ]);
    // Forged or stale: refused like any other Stripe event.
    const [delivery] = deliveries;
    if (!delivery) throw new Error("no delivery");
    await expect(
      h.gateway.parseWebhook(resigned(delivery, "whsec_not_the_endpoint_secret")),
    ).rejects.toMatchObject({ reason: "bad_signature" });
    await expect(
      h.gateway.parseWebhook({ ...delivery, headers: { "content-type": "application/json" } }),
    ).rejects.toMatchObject({ reason: "missing_signature" });
  });

  it("more requirements later: payouts turn off, and the status says what is due", async () => {
    const { providerAccountId } = await accounts.createAccount({
      idempotencyKey: "payout-account:mentor-3",
      payeeId: "mentor-3",
      email: "m3@example.com",
    });
    h.fake.completeOnboarding(providerAccountId);
    h.fake.requireMore(providerAccountId, ["individual.verification.document"]);
    expect(await accounts.getAccount(providerAccountId)).toMatchObject({
      detailsSubmitted: true,
      payoutsEnabled: false,
      currentlyDue: ["individual.verification.document"],
    });
    expect(await h.takeWebhooks()).toHaveLength(2);
  });

  it("an unknown account is a permanent error; Stripe's spec refuses what it does not know", async () => {
    const error = await accounts.getAccount("acct_1NotOursAtAll").catch((e: unknown) => e);
    expect(isGatewayError(error) && error.kind).toBe("permanent");
    const link = await accounts
      .createOnboardingLink(links("acct_1NotOursAtAll"))
      .catch((e: unknown) => e);
    expect(isGatewayError(link) && link.kind).toBe("permanent");
  });
});

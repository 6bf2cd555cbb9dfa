import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf } from "../errors/index.ts";
import { createPaymentsRig } from "../payments/testing/payments-rig.ts";
import { deliverQueuedEmails } from "../testing/index.ts";
import { confirmPayoutEmail, resendPayoutEmailConfirmation } from "./paypal-verification.ts";
import { callerAs, createMentor, creditAvailable } from "./testing/payouts-rig.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  // PayPal loaded (never called: confirming an address is ours, by e-mail).
  rig = await createPaymentsRig({
    PAYMENT_GATEWAYS: "@mentora/gateway-sandbox,@mentora/gateway-paypal",
    PAYMENT_ROUTING: "*:sandbox",
    PAYPAL_CLIENT_ID: "paypal-client",
    PAYPAL_CLIENT_SECRET: "paypal-secret",
    PAYPAL_WEBHOOK_ID: "WH-MENTORA-VERIFY",
    PAYPAL_API_URL: "http://127.0.0.1:9",
    PAYOUT_MINIMUM_MINOR: "*:1000",
  });
});
afterAll(async () => {
  await rig?.app.close();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

/** The confirmation link in the newest e-mail to this address, as its parameters. */
async function linkSentTo(address: string) {
  await deliverQueuedEmails(rig.app);
  const email = await rig.app.prisma.outboxEmail.findFirst({
    where: { to: address },
    orderBy: { createdAt: "desc" },
  });
  const link = email?.text.match(/https?:\/\/\S+\/mentor\/payouts\/paypal\/confirm\S+/)?.[0];
  if (!link) throw new Error(`no confirmation link sent to ${address}`);
  const url = new URL(link);
  return {
    url,
    expires: Number(url.searchParams.get("expires")),
    sig: url.searchParams.get("sig") ?? "",
  };
}

const actor = { userId: null, ip: null, userAgent: null } as never;

describe("PayPal payout address confirmation", () => {
  it("an unconfirmed address receives no payout; the e-mailed link confirms it", async () => {
    const mentor = await createMentor(rig.app, "Paula Pal");
    await creditAvailable(rig.app, mentor.id, 9_000);
    const caller = await callerAs(rig.app, mentor.id);
    const address = `paula-${mentor.id}@paypal.test`;
    const saved = await caller.payouts.setMethod({ kind: "PAYPAL", email: address });
    expect(saved).toMatchObject({ method: { kind: "PAYPAL", email: address }, verifiedAt: null });
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_EMAIL_UNVERIFIED",
    );

    const link = await linkSentTo(address);
    expect(link.url.origin + link.url.pathname).toBe(
      new URL("/mentor/payouts/paypal/confirm", rig.app.config.app.publicUrl).toString(),
    );
    // Tampered, or opened by another mentor: refused, nothing verified.
    const flipped = `${link.sig.slice(0, -1)}${link.sig.endsWith("A") ? "B" : "A"}`;
    expect(await codeOf(caller.payouts.confirmEmail({ expires: link.expires, sig: flipped }))).toBe(
      "PAYOUT_VERIFICATION_INVALID",
    );
    expect(
      await codeOf(caller.payouts.confirmEmail({ expires: link.expires + 60, sig: link.sig })),
    ).toBe("PAYOUT_VERIFICATION_INVALID");
    const other = await createMentor(rig.app, "Other Mentor");
    await (await callerAs(rig.app, other.id)).payouts.setMethod({
      kind: "PAYPAL",
      email: address,
    });
    expect(
      await codeOf(
        (await callerAs(rig.app, other.id)).payouts.confirmEmail({
          expires: link.expires,
          sig: link.sig,
        }),
      ),
    ).toBe("PAYOUT_VERIFICATION_INVALID");
    // Expired: a day and more later.
    expect(
      await codeOf(
        confirmPayoutEmail(rig.app, {
          mentorId: mentor.id,
          expires: link.expires,
          sig: link.sig,
          actor,
          now: new Date(link.expires * 1000 + 1_000),
        }),
      ),
    ).toBe("PAYOUT_VERIFICATION_INVALID");
    expect(
      (await rig.app.prisma.payoutMethod.findUniqueOrThrow({ where: { mentorId: mentor.id } }))
        .verifiedAt,
    ).toBeNull();

    const confirmed = await caller.payouts.confirmEmail({ expires: link.expires, sig: link.sig });
    expect(confirmed.email).toBe(address);
    expect((await caller.payouts.getMethod())?.verifiedAt).toBeInstanceOf(Date);
    // Opening the link twice is fine (same answer).
    expect(
      (await caller.payouts.confirmEmail({ expires: link.expires, sig: link.sig })).verifiedAt,
    ).toEqual(confirmed.verifiedAt);
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "OK",
    );
    const audit = await rig.app.prisma.auditLog.findMany({
      where: { action: "payout.method-verified", targetId: mentor.id },
    });
    expect(audit).toHaveLength(1);
  });

  it("a new address needs its own confirmation (the old link is worthless), on top of the cooldown", async () => {
    const mentor = await createMentor(rig.app, "Changing Address");
    await creditAvailable(rig.app, mentor.id, 9_000);
    const caller = await callerAs(rig.app, mentor.id);
    const first = `first-${mentor.id}@paypal.test`;
    const second = `second-${mentor.id}@paypal.test`;
    await caller.payouts.setMethod({ kind: "PAYPAL", email: first });
    const firstLink = await linkSentTo(first);
    await caller.payouts.confirmEmail({ expires: firstLink.expires, sig: firstLink.sig });

    await caller.payouts.setMethod({ kind: "PAYPAL", email: second });
    expect((await caller.payouts.getMethod())?.verifiedAt).toBeNull();
    expect(
      await codeOf(caller.payouts.confirmEmail({ expires: firstLink.expires, sig: firstLink.sig })),
    ).toBe("PAYOUT_VERIFICATION_INVALID");
    // The change's cooldown still applies first (change-method.ts), then the confirmation.
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_METHOD_COOLDOWN",
    );
    await rig.app.prisma.payoutMethod.update({
      where: { mentorId: mentor.id },
      data: { cooldownUntil: new Date(Date.now() - 1_000) },
    });
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "PAYOUT_EMAIL_UNVERIFIED",
    );
    const secondLink = await linkSentTo(second);
    await caller.payouts.confirmEmail({ expires: secondLink.expires, sig: secondLink.sig });
    expect(await codeOf(caller.payouts.request({ currency: "EUR", amountMinor: 2_000 }))).toBe(
      "OK",
    );
    // Back to the first address: confirmed once, but set again, so confirmed again.
    await caller.payouts.setMethod({ kind: "PAYPAL", email: first });
    expect(
      await codeOf(caller.payouts.confirmEmail({ expires: firstLink.expires, sig: firstLink.sig })),
    ).toBe("PAYOUT_VERIFICATION_INVALID");
  });

  it("the link can be sent again, but not more than every five minutes", async () => {
    const mentor = await createMentor(rig.app, "Impatient Mentor");
    const caller = await callerAs(rig.app, mentor.id);
    const address = `impatient-${mentor.id}@paypal.test`;
    await caller.payouts.setMethod({ kind: "PAYPAL", email: address });
    await deliverQueuedEmails(rig.app);
    expect(await codeOf(caller.payouts.resendEmailConfirmation())).toBe("TOO_MANY_REQUESTS");
    const later = new Date(Date.now() + 6 * 60_000);
    expect(
      await resendPayoutEmailConfirmation(rig.app, { mentorId: mentor.id, now: later }),
    ).toEqual({ sentTo: address });
    await deliverQueuedEmails(rig.app);
    expect(await rig.app.prisma.outboxEmail.count({ where: { to: address } })).toBe(2);
    // Nothing to confirm for a sandbox method.
    await caller.payouts.setMethod({ kind: "SANDBOX", account: "plain" });
    expect(await codeOf(caller.payouts.resendEmailConfirmation())).toBe(
      "PAYOUT_VERIFICATION_INVALID",
    );
  });
});

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { accounts, balanceOf, releaseBookingShare } from "@mentora/core/ledger";
import { createPrismaClient, type Db } from "@mentora/db";
import { type FakeStripe, startFakeStripe } from "@mentora/gateway-stripe/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { uniqueEmail } from "./browser.ts";
import "./context.ts";
import { createMentor, createVerifiedUser, PASSWORD, type Target } from "./db.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

// HTTP only (no browser): refunds after release, disputes, and the webhook edge's cheap checks
// (issue #11), against the BUILT web server and worker with the Stripe fake, and stand-ins for
// PayPal and Konnect that only count the calls they get.

const repoDir = path.resolve(import.meta.dirname, "../../..");
const specsDir =
  [
    process.env.MENTORA_SPECS_DIR,
    path.resolve(repoDir, "../shared/specs"),
    path.resolve(repoDir, ".data/specs"),
  ]
    .filter((dir): dir is string => Boolean(dir))
    .find((dir) => existsSync(path.join(dir, "stripe"))) ?? null;
if (!specsDir && process.env.CI === "true") throw new Error("Stripe spec not found");

/** A vendor stand-in: records every request, answers 500 (the vendor is having a bad day). */
async function startCounter(): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "counter" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, paths, server };
}

const share = 3_500 - Math.round((3_500 * 1_500) / 10_000);

describe.skipIf(!specsDir)("money paths over HTTP", () => {
  let fake: FakeStripe;
  let paypal: Awaited<ReturnType<typeof startCounter>>;
  let konnect: Awaited<ReturnType<typeof startCounter>>;
  let servers: ServerPair;
  let db: Db;
  let target: Target;
  let day = 2;

  beforeAll(async () => {
    fake = await startFakeStripe({ specsDir: specsDir ?? "" });
    paypal = await startCounter();
    konnect = await startCounter();
    servers = await startServerPair(inject("webDbRun"), {
      label: "money",
      env: {
        PAYMENT_GATEWAYS:
          "@mentora/gateway-stripe,@mentora/gateway-paypal,@mentora/gateway-konnect",
        PAYMENT_ROUTING: "TND:konnect,*:stripe",
        PLATFORM_FEE_BASIS_POINTS: "1500",
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_API_URL: fake.url,
        PAYPAL_CLIENT_ID: "paypal-client",
        PAYPAL_CLIENT_SECRET: "paypal-secret",
        PAYPAL_WEBHOOK_ID: "WH-MENTORA-1",
        PAYPAL_API_URL: paypal.url,
        KONNECT_API_KEY: "konnect-key",
        KONNECT_WALLET_ID: "5f7a209aeb3f76490ac4a3d1",
        KONNECT_API_URL: `${konnect.url}/api/v2/`,
      },
    });
    db = createPrismaClient({ connectionString: servers.databaseUrl });
    target = { baseUrl: servers.baseUrl, db };
  });

  afterAll(async () => {
    await db?.$disconnect();
    await servers?.stop();
    await fake?.close();
    for (const counter of [paypal, konnect]) {
      await new Promise<void>((resolve) => counter?.server.close(() => resolve()));
    }
  });

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${servers.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: servers.baseUrl },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
  }

  /** A tRPC mutation over HTTP; returns the data, or the error's stable code. */
  async function mutate<T>(cookie: string, procedure: string, input: unknown) {
    const response = await fetch(`${servers.baseUrl}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: servers.baseUrl, cookie },
      body: JSON.stringify({ json: input }),
    });
    const body = (await response.json()) as {
      result?: { data: { json: T } };
      error?: { json: { data: { code: string } } };
    };
    return body.result
      ? { ok: true as const, data: body.result.data.json }
      : { ok: false as const, code: body.error?.json.data.code };
  }

  async function deliverStripe(requests: ReturnType<FakeStripe["takeWebhooks"]>) {
    for (const request of requests) {
      const response = await fetch(`${servers.baseUrl}/api/webhooks/stripe`, {
        method: "POST",
        headers: request.headers,
        body: Buffer.from(request.rawBody),
      });
      expect(response.status).toBe(200);
    }
  }

  async function mentorWithOffering() {
    const mentor = await createMentor({ name: "Inès Haddad", email: uniqueEmail("m") }, target);
    const offering = await db.offering.create({
      data: {
        mentorId: mentor.id,
        title: "Architecture review",
        description: "One hour on your system's design.",
        kind: "ONE_TO_ONE",
        options: { create: { durationMinutes: 60, priceMinor: 3500, currency: "EUR" } },
      },
      include: { options: true },
    });
    await db.availabilityRule.createMany({
      data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        mentorId: mentor.id,
        weekday,
        startMinute: 7 * 60,
        endMinute: 22 * 60,
      })),
    });
    return { mentor, optionId: offering.options[0]?.id as string };
  }

  /**
   * A mentee books and pays on Stripe (over HTTP; the signed webhook settles it on the worker),
   * then the session is completed and its share released through core's release.
   */
  async function releasedBooking(optionId: string) {
    const mentee = { name: "Yassine Trabelsi", email: uniqueEmail("p") };
    await createVerifiedUser(mentee, target);
    const cookie = await signIn(mentee.email);
    day += 1;
    const today = new Date();
    // 09:00 UTC a few days ahead: inside the mentor's hours (07:00–22:00 Paris) and horizon.
    const startsAt = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + day, 9),
    );
    const hold = await mutate<{ id: string }>(cookie, "bookings.hold", { optionId, startsAt });
    expect(hold).toMatchObject({ ok: true });
    const bookingId = hold.ok ? hold.data.id : "";
    const started = await mutate<{ paymentId: string; redirectUrl: string }>(
      cookie,
      "payments.startForBooking",
      { bookingId },
    );
    if (!started.ok) throw new Error(`startForBooking: ${started.code}`);
    const sessionId = new URL(started.data.redirectUrl).pathname.split("/").at(-1) ?? "";
    fake.payer.pay(sessionId);
    await deliverStripe(fake.takeWebhooks());
    await expect
      .poll(async () => (await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status, {
        timeout: 60_000,
      })
      .toBe("CONFIRMED");
    const booking = await db.booking.update({
      where: { id: bookingId },
      data: { status: "COMPLETED" },
    });
    const session = await db.mentoringSession.update({
      where: { id: booking.sessionId },
      data: { status: "COMPLETED" },
    });
    // The ledger posting the earnings.release job makes (the job itself also records an event).
    const released = await db.$transaction((tx) =>
      releaseBookingShare(tx, { mentorId: session.mentorId, currency: "EUR", bookingId }),
    );
    expect(released.releasedMinor).toBe(share);
    return { bookingId, paymentId: started.data.paymentId, checkoutId: sessionId };
  }

  const books = async (mentorId: string) => ({
    available: await balanceOf(db, accounts.mentorAvailable(mentorId, "EUR")),
    reserved: await balanceOf(db, accounts.mentorPayoutReserved(mentorId, "EUR")),
    frozen: await balanceOf(db, accounts.mentorFrozen(mentorId, "EUR")),
    receivable: await balanceOf(db, accounts.mentorReceivable(mentorId, "EUR")),
  });
  async function ledgerBalances(): Promise<boolean> {
    const rows = await db.$queryRaw<{ total: bigint }[]>`
      SELECT sum("amountMinor")::bigint AS total FROM ledger_entry GROUP BY currency`;
    return rows.every((row) => row.total === 0n);
  }

  async function mentorWithPayoutMethod(mentorEmail: string) {
    const cookie = await signIn(mentorEmail);
    const method = await mutate(cookie, "payouts.setMethod", {
      kind: "BANK_TRANSFER",
      iban: "FR76 3000 6000 0112 3456 7890 189",
      accountHolder: "Inès Haddad",
    });
    expect(method.ok ? "OK" : method.code).toBe("OK");
    return cookie;
  }

  it("a refund after release balances: the paid-out share is owed by the mentor, not taken from another booking", async () => {
    const { mentor, optionId } = await mentorWithOffering();
    const paid = await releasedBooking(optionId);
    const mentorCookie = await mentorWithPayoutMethod(mentor.email);
    // The mentor takes the share out: nothing is left available.
    const payout = await mutate(mentorCookie, "payouts.request", {
      currency: "EUR",
      amountMinor: share,
    });
    expect(payout).toMatchObject({ ok: true });
    expect(await books(mentor.id)).toMatchObject({ available: 0, reserved: share });

    const admin = { name: "Ada Admin", email: uniqueEmail("admin") };
    await createVerifiedUser(admin, target);
    await db.user.update({ where: { email: admin.email }, data: { role: "ADMIN" } });
    const adminCookie = await signIn(admin.email);
    const refund = await mutate(adminCookie, "admin.payments.refund", {
      paymentId: paid.paymentId,
      reason: "The session did not help",
      requestKey: randomUUID(),
    });
    expect(refund).toMatchObject({ ok: true });
    expect(await books(mentor.id)).toMatchObject({
      available: 0,
      reserved: share,
      receivable: -share,
    });
    expect(await ledgerBalances()).toBe(true);
  });

  it("a signed charge.dispute.created freezes the share; a payout request cannot take it", async () => {
    const { mentor, optionId } = await mentorWithOffering();
    const paid = await releasedBooking(optionId);
    expect(await books(mentor.id)).toMatchObject({ available: share, frozen: 0 });
    fake.dispute(paid.checkoutId, "open");
    // Events of earlier tests (the refund the worker sent to the fake) may still be pending:
    // delivered too, as Stripe would, but exactly one of them is the dispute.
    const deliveries = fake.takeWebhooks();
    const types = deliveries.map(
      (request) =>
        (JSON.parse(Buffer.from(request.rawBody).toString("utf8")) as { type: string }).type,
    );
    expect(types.filter((type) => type.startsWith("charge.dispute."))).toEqual([
      "charge.dispute.created",
    ]);
    await deliverStripe(deliveries);
    await expect
      .poll(
        async () => (await db.dispute.findFirst({ where: { paymentId: paid.paymentId } }))?.status,
        { timeout: 60_000 },
      )
      .toBe("OPEN");
    expect(await books(mentor.id)).toMatchObject({ available: 0, frozen: share });

    const mentorCookie = await mentorWithPayoutMethod(mentor.email);
    const payout = await mutate(mentorCookie, "payouts.request", {
      currency: "EUR",
      amountMinor: share,
    });
    expect(payout).toEqual({ ok: false, code: "PAYOUT_EXCEEDS_AVAILABLE" });
    expect(await db.payout.count({ where: { mentorId: mentor.id } })).toBe(0);
    // The mentor sees the frozen share; admins see the dispute.
    const payoutsPage = await fetch(`${servers.baseUrl}/mentor/payouts`, {
      headers: { cookie: mentorCookie },
    });
    expect(payoutsPage.status).toBe(200);
    expect(await payoutsPage.text()).toMatch(/data-testid="payout-frozen">€29\.75</);
    const admin = { name: "Ada Admin", email: uniqueEmail("admin") };
    await createVerifiedUser(admin, target);
    await db.user.update({ where: { email: admin.email }, data: { role: "ADMIN" } });
    const page = await fetch(`${servers.baseUrl}/admin/disputes`, {
      headers: { cookie: await signIn(admin.email) },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Disputes and attendance");
    expect(html).toContain(paid.paymentId.slice(0, 8));
    expect(await ledgerBalances()).toBe(true);
  });

  it("a forged PayPal request with a foreign certificate URL makes zero calls to PayPal", async () => {
    const body = JSON.stringify({
      id: "WH-FORGED-1",
      event_type: "PAYMENT.CAPTURE.COMPLETED",
      resource: { id: "CAPTURE-1" },
    });
    const headers = (certUrl: string) => ({
      "content-type": "application/json",
      "paypal-transmission-id": randomUUID(),
      "paypal-transmission-time": new Date().toISOString(),
      "paypal-transmission-sig": "Zm9yZ2Vk",
      "paypal-cert-url": certUrl,
      "paypal-auth-algo": "SHA256withRSA",
    });
    const before = paypal.paths.length;
    const forged = await fetch(`${servers.baseUrl}/api/webhooks/paypal`, {
      method: "POST",
      headers: headers("https://attacker.example/cert.pem"),
      body,
    });
    expect(forged.status).toBe(400);
    expect(paypal.paths.slice(before)).toEqual([]);
    // The counter does count: a request that passes the cheap checks is verified at PayPal.
    const plausible = await fetch(`${servers.baseUrl}/api/webhooks/paypal`, {
      method: "POST",
      headers: headers("https://api-m.paypal.com/v1/notifications/certs/CERT-1"),
      body,
    });
    expect(plausible.status).toBe(503);
    expect(paypal.paths.length).toBeGreaterThan(before);
    expect(await db.webhookEvent.count({ where: { provider: "paypal" } })).toBe(0);
  });

  it("a Konnect GET with an unknown ref stores nothing and calls nothing; a pending payment's is checked", async () => {
    const before = konnect.paths.length;
    const unknown = await fetch(
      `${servers.baseUrl}/api/webhooks/konnect?payment_ref=5f9a0c1d2e3b4a5f6e7d8c9b`,
    );
    expect(unknown.status).toBe(404);
    expect(konnect.paths.slice(before)).toEqual([]);
    expect(await db.webhookEvent.count({ where: { provider: "konnect" } })).toBe(0);

    // A payment of ours still pending: worth asking Konnect (which fails here; the hint is kept).
    const payer = await createVerifiedUser(
      { name: "Sana Ben Ali", email: uniqueEmail("k") },
      target,
    );
    await db.payment.create({
      data: {
        userId: payer.id,
        purpose: "TOP_UP",
        currency: "TND",
        amountMinor: 20_000,
        walletAmountMinor: 0,
        gatewayAmountMinor: 20_000,
        provider: "konnect",
        providerPaymentId: "6a0b1c2d3e4f5a6b7c8d9e0f",
        status: "PENDING",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const pending = await fetch(
      `${servers.baseUrl}/api/webhooks/konnect?payment_ref=6a0b1c2d3e4f5a6b7c8d9e0f`,
    );
    expect(pending.status).toBe(200);
    expect(konnect.paths.length).toBeGreaterThan(before);
    expect(await db.webhookEvent.count({ where: { provider: "konnect" } })).toBe(1);
  });
});

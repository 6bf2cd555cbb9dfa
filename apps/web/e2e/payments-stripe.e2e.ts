import { existsSync } from "node:fs";
import path from "node:path";
import { createPrismaClient, type Db } from "@mentora/db";
// The adapter's own fake Stripe (a local HTTP server validating every call against Stripe's
// OpenAPI spec). Not exported by the package yet: imported by path.
import { type FakeStripe, startFakeStripe } from "@mentora/gateway-stripe/testing";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, uniqueEmail, watchPages } from "./browser.ts";
import "./context.ts";
import { addPaidOffering, createMentor, createVerifiedUser, PASSWORD, type Target } from "./db.ts";
import { chooseFirstTime } from "./scheduler.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

const repoDir = path.resolve(import.meta.dirname, "../../..");

/** Stripe's spec: MENTORA_SPECS_DIR, ../shared/specs or .data/specs (as the adapter's tests). */
function findSpecsDir(): string | null {
  const candidates = [
    process.env.MENTORA_SPECS_DIR,
    path.resolve(repoDir, "../shared/specs"),
    path.resolve(repoDir, ".data/specs"),
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(path.join(dir, "stripe"))) ?? null;
}

const specsDir = findSpecsDir();
if (!specsDir && process.env.CI === "true") {
  throw new Error("Stripe spec not found (MENTORA_SPECS_DIR, ../shared/specs, .data/specs)");
}

describe.skipIf(!specsDir)(
  "payments with Stripe instead of the sandbox: configuration only",
  () => {
    let fake: FakeStripe;
    let servers: ServerPair;
    let db: Db;
    let browser: Browser;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      fake = await startFakeStripe({ specsDir: specsDir ?? "" });
      // Another web + worker pair, on a database of its own: only the environment differs.
      servers = await startServerPair(inject("webDbRun"), {
        label: "stripe",
        env: {
          PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
          PAYMENT_ROUTING: "*:stripe",
          STRIPE_SECRET_KEY: fake.secretKey,
          STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
          STRIPE_API_URL: fake.url,
          METRICS_TOKEN: "metrics-token-for-the-e2e",
        },
      });
      db = createPrismaClient({ connectionString: servers.databaseUrl });
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await Promise.all(contexts.map((context) => context.close()));
      await browser?.close();
      await db?.$disconnect();
      await servers?.stop();
      await fake?.close();
    });

    it("pays a held session on Stripe's hosted page; the signed webhook confirms it", async () => {
      const target: Target = { baseUrl: servers.baseUrl, db };
      const mentor = await createMentor(
        { name: "Sami Ben Salah", email: uniqueEmail("mentor") },
        target,
      );
      await addPaidOffering(mentor.id, target);
      const mentee = { name: "Léa Fontaine", email: uniqueEmail("payer") };
      await createVerifiedUser(mentee, target);

      const context = await browser.newContext({
        baseURL: servers.baseUrl,
        locale: "en-US",
        timezoneId: "Europe/Paris",
      });
      contexts.push(context);
      const page = await context.newPage();
      const watch = watchPages(page);

      // Stripe's hosted page: the payer pays there (the fake's payer API), and Stripe sends them
      // to our success URL. When they land, Stripe cannot be asked for a moment, so the status
      // page has to wait for the webhook.
      const checkouts: string[] = [];
      await context.route("https://checkout.stripe.com/**", async (route) => {
        const sessionId = new URL(route.request().url()).pathname.split("/").at(-1) ?? "";
        const session = fake.state.sessions.get(sessionId);
        if (!session?.success_url) {
          await route.fulfill({ status: 404, body: "no such checkout session" });
          return;
        }
        checkouts.push(sessionId);
        fake.payer.pay(sessionId);
        fake.failNext("GetCheckoutSessionsSession", 400, {
          type: "invalid_request_error",
          message: "Simulated: Stripe is not reachable right now.",
        });
        await route.fulfill({ status: 303, headers: { location: String(session.success_url) } });
      });

      await page.goto(`/sign-in?redirectTo=${encodeURIComponent(`/mentors/${mentor.id}`)}`);
      await page.waitForLoadState("networkidle");
      await watch.check();
      await page.getByLabel("Email address").fill(mentee.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL(`**/mentors/${mentor.id}`);
      await page.waitForLoadState("networkidle");
      await watch.check();
      await chooseFirstTime(page, { price: "€35.00" });
      await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
      await watch.check();
      await page.getByRole("button", { name: "Hold this time" }).click();
      await page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
      const bookingId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      expect(await page.getByTestId("pay-card").textContent()).toBe("€35.00");
      await watch.check();
      await page.getByRole("button", { name: "Pay €35.00" }).click();

      // Back from Stripe: still pending, the page watches.
      await page.waitForURL(/\/payments\/[^/?]+$/);
      const paymentId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      expect(checkouts).toHaveLength(1);
      const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
      expect(payment.provider).toBe("stripe");
      expect(payment.providerPaymentId).toBe(checkouts[0]);
      await page
        .getByTestId("payment-message")
        .filter({ hasText: "waiting for the payment" })
        .waitFor();
      expect(await page.getByTestId("payment-status").textContent()).toBe("Waiting for payment");
      await watch.check();
      await screenshot(page, "stripe-pending.png");

      // Stripe delivers its signed events to /api/webhooks/stripe; the worker settles the payment
      // (asking Stripe, reachable again) and the page, polling, announces it.
      const deliveries = fake.takeWebhooks();
      expect(deliveries.length).toBeGreaterThan(0);
      let stored = 0;
      let storedDelivery: (typeof deliveries)[number] | undefined;
      for (const delivery of deliveries) {
        const response = await fetch(`${servers.baseUrl}/api/webhooks/stripe`, {
          method: "POST",
          headers: delivery.headers,
          body: Buffer.from(delivery.rawBody),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { received: boolean; stored?: number };
        expect(body.received).toBe(true);
        stored += body.stored ?? 0;
        if (body.stored) storedDelivery ??= delivery;
      }
      await page
        .getByTestId("payment-message")
        .filter({ hasText: "your booking is confirmed" })
        .waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("payment-status").textContent()).toBe("Paid");
      await watch.check();
      await screenshot(page, "stripe-paid.png");
      await page.getByRole("link", { name: "View my booking" }).click();
      await page.waitForURL(`**/bookings/${bookingId}`);
      expect(await page.getByTestId("booking-status").textContent()).toBe("Confirmed");
      await watch.check();

      expect((await db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe(
        "CONFIRMED",
      );
      // Events the adapter maps are stored (the others acknowledged and dropped), then processed.
      expect(stored).toBeGreaterThan(0);
      await expect
        .poll(async () =>
          (await db.webhookEvent.findMany({ where: { provider: "stripe" } })).map((e) => e.status),
        )
        .toEqual(Array.from({ length: stored }, () => "PROCESSED"));
      // A replayed delivery is stored once.
      const again = await fetch(`${servers.baseUrl}/api/webhooks/stripe`, {
        method: "POST",
        headers: storedDelivery?.headers,
        body: Buffer.from(storedDelivery?.rawBody ?? new Uint8Array()),
      });
      expect(await again.json()).toMatchObject({ received: true, duplicates: 1 });
      // A forged one is refused.
      const forged = await fetch(`${servers.baseUrl}/api/webhooks/stripe`, {
        method: "POST",
        headers: { ...storedDelivery?.headers, "stripe-signature": "t=1,v1=00" },
        body: Buffer.from(storedDelivery?.rawBody ?? new Uint8Array()),
      });
      expect(forged.status).toBe(400);
      // No sandbox here: its checkout page does not exist.
      for (const address of [
        "/gateways/sandbox/checkout/sbx_pay_x",
        "/sandbox/checkout/sbx_pay_x",
      ]) {
        expect((await fetch(`${servers.baseUrl}${address}`)).status, address).toBe(404);
      }
      // A return link with a wrong secret is a 404 page, and changes nothing.
      const forgedReturn = await fetch(
        `${servers.baseUrl}/payments/${paymentId}/return?secret=not-the-secret`,
        { redirect: "manual" },
      );
      expect(forgedReturn.status).toBe(404);
      expect(await forgedReturn.text()).toContain("Page not found");
      // /metrics wants the bearer token when METRICS_TOKEN is set.
      expect((await fetch(`${servers.baseUrl}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${servers.baseUrl}/metrics`, {
        headers: { authorization: "Bearer metrics-token-for-the-e2e" },
      });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("stripe");
      expect(fake.specViolations).toEqual([]);
      watch.done();
    });
  },
);

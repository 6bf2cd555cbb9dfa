import { createPrismaClient, type Db } from "@mentora/db";
import { type FakeStripe, startFakeStripe } from "@mentora/gateway-stripe/testing";
import { findSpecsDir } from "@mentora/payment-gateway/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, type PageWatch, screenshot, uniqueEmail, watchPages } from "./browser.ts";
import "./context.ts";
import { createMentor, PASSWORD, type Target } from "./db.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

const specsDir = findSpecsDir();
if (!specsDir && process.env.CI === "true") {
  throw new Error("Vendor specs not found (MENTORA_SPECS_DIR, ../shared/specs, .data/specs)");
}

describe.skipIf(!specsDir)("payouts onboarding in a browser (Stripe fake, PayPal e-mail)", () => {
  let fake: FakeStripe;
  let servers: ServerPair;
  let db: Db;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fake = await startFakeStripe({ specsDir: specsDir ?? "" });
    servers = await startServerPair(inject("webDbRun"), {
      label: "connect",
      env: {
        PAYMENT_GATEWAYS:
          "@mentora/gateway-sandbox,@mentora/gateway-stripe,@mentora/gateway-paypal",
        PAYMENT_ROUTING: "*:sandbox",
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_API_URL: fake.url,
        // Loaded so PayPal payouts are on offer; never called (the address is confirmed by e-mail).
        PAYPAL_CLIENT_ID: "paypal-client",
        PAYPAL_CLIENT_SECRET: "paypal-secret",
        PAYPAL_WEBHOOK_ID: "WH-MENTORA-CONNECT",
        PAYPAL_API_URL: "http://127.0.0.1:9",
      },
    });
    // Stripe's hosted form sends its signed account.updated to our webhook endpoint.
    fake.deliverWebhooksTo(`${servers.baseUrl}/api/webhooks/stripe`);
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

  async function signedInMentor(name: string, prefix: string) {
    const target: Target = { baseUrl: servers.baseUrl, db };
    const user = { name, email: uniqueEmail(prefix) };
    const mentor = await createMentor(user, target);
    const context = await browser.newContext({ baseURL: servers.baseUrl, locale: "en-US" });
    contexts.push(context);
    // Stripe's hosted form lives on connect.stripe.com: the fake serves it.
    await context.route("https://connect.stripe.com/**", async (route) => {
      const response = await route.fetch({
        url: fake.hostedUrl(route.request().url()),
        maxRedirects: 0,
      });
      await route.fulfill({ response });
    });
    const page = await context.newPage();
    const watch = watchPages(page);
    await page.goto("/sign-in?redirectTo=%2Fmentor%2Fpayouts");
    await watch.check();
    await page.getByLabel("Email address").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/mentor/payouts");
    return { mentor, page, watch };
  }

  async function onStripeForm(page: Page, watch: PageWatch) {
    await page.waitForURL("https://connect.stripe.com/setup/e/**");
    await page.getByRole("button", { name: "Agree and submit" }).waitFor();
    await watch.check();
  }

  it("a mentor sets up payouts on Stripe's hosted form and comes back with payouts enabled", async () => {
    const { mentor, page, watch } = await signedInMentor("Karim Haddad", "connect");
    // No more pasting an acct_… id: Stripe is not among the kinds of the manual form.
    const kinds = await page
      .getByLabel("Method", { exact: true })
      .locator("option")
      .allTextContents();
    expect(kinds).not.toContain("Stripe Connect");
    await watch.check();

    await page.getByRole("button", { name: "Set up payouts with Stripe" }).click();
    await onStripeForm(page, watch);
    const account = await db.payoutAccount.findFirstOrThrow({ where: { mentorId: mentor.id } });
    expect(page.url()).toContain(`/setup/e/${account.providerAccountId}/`);
    expect(account).toMatchObject({ detailsSubmitted: false, payoutsEnabled: false });

    // Leaving the form half-way: back on our page, "Continue setup", a new link.
    await page.goto("/mentor/payouts");
    await page.getByTestId("stripe-status").filter({ hasText: "Setup not finished" }).waitFor();
    expect(await page.getByTestId("stripe-due").textContent()).toMatch(
      /Stripe still needs \d+ detail/,
    );
    await watch.check();
    await page.getByRole("button", { name: "Continue setup" }).click();
    await onStripeForm(page, watch);

    // The form is submitted; Stripe signs account.updated to us and sends the mentor back.
    await page.getByRole("button", { name: "Agree and submit" }).click();
    await page.waitForURL("**/mentor/payouts?stripe=returned");
    await page.getByText("Welcome back from Stripe: here is where your account stands.").waitFor();
    expect(await page.getByTestId("stripe-status").textContent()).toBe("Payouts enabled");
    await page.getByRole("button", { name: "Update details" }).waitFor();
    await watch.check();
    await screenshot(page, "mentor-payouts-stripe-enabled.png");

    expect(await db.payoutAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      detailsSubmitted: true,
      payoutsEnabled: true,
      currentlyDue: [],
    });
    // The webhook was stored and processed by the worker; a forged copy is refused.
    await expect
      .poll(
        async () =>
          (
            await db.webhookEvent.findMany({
              where: { provider: "stripe", type: "payout_account.updated" },
            })
          ).map((event) => event.status),
        { timeout: 30_000 },
      )
      .toEqual(["PROCESSED"]);
    const forged = await fetch(`${servers.baseUrl}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
      body: JSON.stringify({ id: "evt_forged", type: "account.updated", data: { object: {} } }),
    });
    expect(forged.status).toBe(400);
    // A spent link's refresh_url makes a new one for the same account.
    // (Asked with the page's cookies: Chromium does not route a server redirect to another host.)
    const refreshed = await page.request.get("/mentor/payouts/stripe/refresh", { maxRedirects: 0 });
    expect(refreshed.status()).toBe(302);
    const location = refreshed.headers().location ?? "";
    expect(location).toMatch(
      new RegExp(`^https://connect\\.stripe\\.com/setup/e/${account.providerAccountId}/[0-9a-f]+$`),
    );
    await page.goto(location);
    await onStripeForm(page, watch);
    expect(fake.state.accounts.size).toBe(1);
    expect(fake.specViolations).toEqual([]);
    watch.done();
  });

  it("a PayPal address receives payouts only after the e-mailed link is confirmed", async () => {
    const { mentor, page, watch } = await signedInMentor("Inès Morel", "paypal");
    const address = uniqueEmail("paypal-payee");
    await page.getByLabel("Method", { exact: true }).selectOption("PAYPAL");
    await page.getByLabel("PayPal email").fill(address);
    await page.getByRole("button", { name: "Save payout method" }).click();
    await page.getByText("Your payout method was saved.").waitFor();
    expect(await page.getByTestId("paypal-status").textContent()).toContain(
      `we e-mailed a link to ${address}`,
    );
    await watch.check();

    // The worker sends the e-mail (dev outbox); its link opens a page with one button.
    let link = "";
    await expect
      .poll(
        async () => {
          const email = await db.outboxEmail.findFirst({
            where: { to: address },
            orderBy: { createdAt: "desc" },
          });
          link =
            email?.text.match(/https?:\/\/\S+\/mentor\/payouts\/paypal\/confirm\S+/)?.[0] ?? "";
          return link;
        },
        { timeout: 30_000 },
      )
      .not.toBe("");
    const url = new URL(link);
    // A tampered link confirms nothing.
    await page.goto(
      `${url.pathname}?expires=${url.searchParams.get("expires")}&sig=${"A".repeat(43)}`,
    );
    await page.getByRole("button", { name: "Confirm this address" }).click();
    await page.waitForURL("**/mentor/payouts?paypal=invalid");
    await page.getByText("This confirmation link is not valid any more").waitFor();
    expect(
      (await db.payoutMethod.findUniqueOrThrow({ where: { mentorId: mentor.id } })).verifiedAt,
    ).toBeNull();

    await page.goto(`${url.pathname}${url.search}`);
    await page.getByText(`Confirm that payouts may go to the PayPal address ${address}.`).waitFor();
    await watch.check();
    await page.getByRole("button", { name: "Confirm this address" }).click();
    await page.waitForURL("**/mentor/payouts?paypal=confirmed");
    await page.getByText("Your PayPal address is confirmed: payouts can go to it.").waitFor();
    expect(await page.getByTestId("paypal-status").textContent()).toBe("Address confirmed");
    await watch.check();
    expect(
      (await db.payoutMethod.findUniqueOrThrow({ where: { mentorId: mentor.id } })).verifiedAt,
    ).toBeInstanceOf(Date);
    watch.done();
  });
});

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  baseUrl,
  launchBrowser,
  newContext,
  type PageWatch,
  screenshot,
  uniqueEmail,
  watchPages,
} from "./browser.ts";
import {
  addPaidOffering,
  closeTestDb,
  createMentor,
  createVerifiedUser,
  PASSWORD,
  testDb,
} from "./db.ts";
import { chooseFirstTime } from "./scheduler.ts";

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await closeTestDb();
});

async function openPage(): Promise<{ page: Page; watch: PageWatch }> {
  const context = await newContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  return { page, watch: watchPages(page) };
}

async function signIn(page: Page, email: string) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

/** A mentor with a paid one-hour offering (€35) and hours every day. */
async function paidMentor() {
  const email = uniqueEmail("mentor");
  const mentor = await createMentor({ name: "Inès Laurent", email });
  await addPaidOffering(mentor.id);
  return { ...mentor, email };
}

describe("payments in a browser (sandbox provider)", () => {
  it("tops a wallet up, pays a session with wallet + card, and shows it everywhere", async () => {
    const mentor = await paidMentor();
    const menteeUser = { name: "Chloé Bernard", email: uniqueEmail("payer") };
    await createVerifiedUser(menteeUser);
    const { page, watch } = await openPage();
    const returnUrls: string[] = [];
    // The provider's redirect to our return URL (a hop the page never rests on).
    page.on("request", (request) => {
      if (request.isNavigationRequest() && /\/payments\/[^/]+\/return\?/.test(request.url())) {
        returnUrls.push(request.url());
      }
    });

    // The wallet starts empty; a top-up of €10.50 goes through the sandbox's hosted page.
    await visit(page, "/sign-in?redirectTo=%2Fwallet");
    await watch.check();
    await signIn(page, menteeUser.email);
    await page.waitForURL("**/wallet");
    await page.getByText("Your wallet is empty.").waitFor();
    await watch.check();
    await page.getByLabel("Amount", { exact: true }).fill("10.5");
    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByRole("button", { name: "Continue to payment" }).click();
    await page.waitForURL(/\/sandbox\/checkout\/[^/]+$/);
    await watch.check();
    await page.getByRole("button", { name: "Pay 10.50 EUR" }).click();
    await page.waitForURL(/\/payments\/[^/?]+$/);
    const topUpId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await page
      .getByTestId("payment-message")
      .filter({ hasText: "€10.50 was added to your wallet" })
      .waitFor();
    expect(await page.getByTestId("payment-status").textContent()).toBe("Paid");
    await watch.check();

    await visit(page, "/wallet");
    expect(
      await page.getByTestId("balance-EUR").getByTestId("balance-available").textContent(),
    ).toBe("€10.50");
    const topUpRow = page.getByTestId("wallet-entry").filter({ hasText: "Top-up" });
    expect(await topUpRow.getByText("€10.50").count()).toBe(1);
    await watch.check();

    // A €35 session: held, then paid €10.50 from the wallet and €24.50 by "card".
    await visit(page, `/mentors/${mentor.id}`);
    await watch.check();
    await chooseFirstTime(page, { price: "€35.00" });
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    // The confirmation already says how the price will be split: wallet first.
    expect(await page.getByTestId("confirm-payment").textContent()).toBe(
      "From your wallet: €10.50Paid online on the next step: €24.50",
    );
    await watch.check();
    await page.getByRole("button", { name: "Hold this time" }).click();
    await page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    const bookingId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    expect(await page.getByTestId("booking-status").textContent()).toBe("Awaiting payment");
    const payBox = page.getByTestId("pay-box");
    expect(await payBox.getByTestId("pay-total").textContent()).toBe("€35.00");
    expect(await payBox.getByTestId("pay-wallet").textContent()).toBe("€10.50");
    expect(await payBox.getByTestId("pay-card").textContent()).toBe("€24.50");
    await watch.check();
    await screenshot(page, "booking-pay.png");
    await payBox.getByRole("button", { name: "Pay €35.00" }).click();

    await page.waitForURL(/\/sandbox\/checkout\/[^/]+$/);
    await watch.check();
    // While the checkout is open the wallet part is reserved, not spendable.
    const reserved = await testDb().payment.findFirstOrThrow({ where: { bookingId } });
    expect(reserved.status).toBe("PENDING");
    expect(reserved.walletAmountMinor).toBe(1050);
    expect(reserved.gatewayAmountMinor).toBe(2450);
    await page.getByRole("button", { name: "Pay 24.50 EUR" }).click();

    await page.waitForURL(`**/payments/${reserved.id}`);
    await page
      .getByTestId("payment-message")
      .filter({ hasText: "your booking is confirmed" })
      .waitFor();
    await watch.check();
    await screenshot(page, "payment-status.png");
    await page.getByRole("link", { name: "View my booking" }).click();
    await page.waitForURL(`**/bookings/${bookingId}`);
    expect(await page.getByTestId("booking-status").textContent()).toBe("Confirmed");
    expect(await page.getByTestId("pay-box").count()).toBe(0);
    await watch.check();

    // The wallet was debited: nothing left, and the history links the booking's payment.
    await visit(page, "/wallet");
    expect(
      await page.getByTestId("balance-EUR").getByTestId("balance-available").textContent(),
    ).toBe("€0.00");
    const debit = page
      .getByTestId("wallet-entry")
      .filter({ has: page.locator(`a[href="/payments/${reserved.id}"]`) });
    expect(await debit.count()).toBeGreaterThan(0);
    expect(await debit.first().textContent()).toContain("-€10.50");
    await watch.check();
    await screenshot(page, "wallet.png");

    // A second use of the return link changes nothing and says so.
    const secondReturn = returnUrls.find((url) => url.includes(reserved.id));
    expect(secondReturn).toBeTruthy();
    await visit(page, secondReturn ?? "");
    expect(page.url()).toBe(`${baseUrl()}/payments/${reserved.id}?return=replayed`);
    await page.getByText("This return link was already used").waitFor();
    await watch.check();

    // Both payments are receipts, with the wallet/card split.
    await visit(page, "/receipts");
    const receipts = page.getByTestId("receipt");
    expect(await receipts.count()).toBe(2);
    const sessionReceipt = receipts.filter({ hasText: "Career review" });
    expect(await sessionReceipt.getByText("Wallet: €10.50").count()).toBe(1);
    expect(await sessionReceipt.getByText("Card: €24.50").count()).toBe(1);
    expect(await receipts.filter({ hasText: "Wallet top-up" }).count()).toBe(1);
    await watch.check();
    await screenshot(page, "receipts.png");

    const booking = await testDb().booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(booking.status).toBe("CONFIRMED");
    expect((await testDb().payment.findUniqueOrThrow({ where: { id: topUpId } })).status).toBe(
      "SUCCEEDED",
    );
    watch.done();

    // An admin finds both payments, exports them, refunds part of the session.
    const adminUser = { name: "Admin Paiements", email: uniqueEmail("admin") };
    const created = await createVerifiedUser(adminUser);
    await testDb().user.update({ where: { id: created.id }, data: { role: "ADMIN" } });
    const ad = await openPage();
    await visit(ad.page, "/sign-in?redirectTo=%2Fadmin%2Fpayments");
    await ad.watch.check();
    await signIn(ad.page, adminUser.email);
    await ad.page.waitForURL("**/admin/payments");
    await ad.page.getByRole("navigation", { name: "Administration" }).waitFor();
    await ad.watch.check();
    await ad.page.getByLabel("Payer (email, name or id)").fill(menteeUser.email);
    await ad.page.getByLabel("Status").selectOption("SUCCEEDED");
    await ad.page.getByRole("button", { name: "Filter" }).click();
    await ad.page.waitForURL(/\/admin\/payments\?.*status=SUCCEEDED/);
    const rows = ad.page.getByTestId("admin-payment");
    await expect.poll(() => rows.count()).toBe(2);
    await ad.watch.check();
    await screenshot(ad.page, "admin-payments.png");
    // Sortable headers: a link per column, the order in the URL (filters kept), aria-sort set.
    const table = ad.page.getByTestId("admin-payments");
    expect(await table.locator("th[aria-sort]").count()).toBe(0);
    await table.getByRole("link", { name: "Date" }).click();
    await ad.page.waitForURL(/status=SUCCEEDED.*sort=date/);
    await table.locator('th[aria-sort="ascending"]', { hasText: "Date" }).waitFor();
    const order = () =>
      rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-payment-id")));
    const ascending = await order();
    await table.getByRole("link", { name: "Date" }).click();
    await ad.page.waitForURL(/sort=-date/);
    await table.locator('th[aria-sort="descending"]', { hasText: "Date" }).waitFor();
    expect(await order()).toEqual([...ascending].reverse());
    await ad.watch.check();

    const csvHref = await ad.page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(csvHref).toContain("/admin/payments.csv?");
    expect(csvHref).toContain(`user=${encodeURIComponent(menteeUser.email)}`);
    const csv = await ad.page.request.get(csvHref ?? "");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers()["content-disposition"]).toMatch(
      /^attachment; filename="payments-.+\.csv"$/,
    );
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,createdAt,status/);
    expect(lines).toHaveLength(3);
    expect(lines.some((line) => line.startsWith(`${reserved.id},`))).toBe(true);
    // For spreadsheet users the same file may start with a UTF-8 byte-order mark; never by default.
    expect([...(await csv.body()).subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const withBom = await ad.page.request.get(`${csvHref}&bom=1`);
    expect([...(await withBom.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(
      (await withBom.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toEqual(lines);
    // The mentee may not export.
    expect((await page.request.get("/admin/payments.csv")).status()).toBe(403);

    const row = ad.page.locator(`tr[data-payment-id="${reserved.id}"]`);
    await row.locator("summary", { hasText: "Refund" }).click();
    await row.getByLabel("Amount to refund (EUR)").fill("5");
    await row.getByLabel("Reason").fill("Goodwill gesture");
    await row.getByLabel("Refund to").selectOption("WALLET");
    await ad.watch.check();
    await row.getByRole("button", { name: "Confirm refund" }).click();
    await ad.page.getByText("The refund was recorded.").waitFor();
    const refund = await testDb().refund.findFirstOrThrow({
      where: { paymentId: reserved.id },
    });
    expect(refund.amountMinor).toBe(500);
    expect(refund.reason).toBe("Goodwill gesture");
    await ad.watch.check();

    // The sandbox's webhooks were stored and processed; none failed.
    await visit(ad.page, "/admin/webhooks");
    await ad.page.getByTestId("webhook-event").first().waitFor();
    expect(await ad.page.getByTestId("webhook-event").count()).toBeGreaterThan(0);
    await ad.watch.check();
    await screenshot(ad.page, "admin-webhooks.png");
    await ad.page.getByLabel("Failures only").check();
    await ad.page.getByRole("button", { name: "Filter" }).click();
    await ad.page.waitForURL(/failures=1/);
    await ad.page.getByText("No event matches.").waitFor();
    await ad.watch.check();

    const metrics = await ad.page.request.get("/metrics");
    expect(metrics.status()).toBe(200);
    expect(metrics.headers()["content-type"]).toContain("text/plain");
    expect(await metrics.text()).toContain("# TYPE");
    ad.watch.done();

    // The mentor's revenue: their share of €35 at 15% (€29.75) less that of the €5 refund
    // (€4.25), still pending: the session has not taken place.
    const mt = await openPage();
    await visit(mt.page, "/sign-in?redirectTo=%2Fmentor%2Frevenue");
    await mt.watch.check();
    await signIn(mt.page, mentor.email);
    await mt.page.waitForURL("**/mentor/revenue");
    const eur = mt.page.getByTestId("revenue-EUR");
    expect(await eur.getByTestId("this-month").textContent()).toBe("€25.50");
    expect(await eur.getByTestId("this-year").textContent()).toBe("€25.50");
    expect(await eur.getByTestId("pending").textContent()).toBe("€25.50");
    expect(await eur.getByTestId("available").textContent()).toBe("€0.00");
    expect(await eur.getByTestId("revenue-months").locator("tbody tr").count()).toBe(12);
    await mt.watch.check();
    await screenshot(mt.page, "mentor-revenue.png");
    mt.watch.done();
  });
});

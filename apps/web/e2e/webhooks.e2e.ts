import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "@mentora/core/webhook-signature";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newContext, uniqueEmail } from "./browser.ts";
import { addPaidOffering, closeTestDb, createMentor, createVerifiedUser, testDb } from "./db.ts";
import { chooseFirstTime } from "./scheduler.ts";
import { signedInPage } from "./sign-in.ts";

/**
 * Outgoing webhooks against the BUILT app and the real worker (issue #18): a mentor registers an
 * endpoint in the browser, a mentee pays a booking through the sandbox, and a real receiver on
 * 127.0.0.1 (allowed outside production) gets `payment.settled` and `booking.confirmed`, checked
 * with the verification helper integrators are given.
 */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() });
    response.writeHead(200).end("thanks");
  });
});

let browser: Browser;
const contexts: BrowserContext[] = [];
let receiverUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mentora-hooks`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await closeTestDb();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** A new browser context, signed in through the form as `email` and left on `to`. */
async function signedIn(email: string, to: string) {
  const context = await newContext(browser);
  contexts.push(context);
  return signedInPage(context, email, to);
}

const typesReceived = () =>
  received.map((request) => (JSON.parse(request.body) as { type: string }).type).sort();

describe("outgoing webhooks (sandbox payment, real worker)", () => {
  it("a mentor's endpoint receives a signed payment.settled and booking.confirmed for a paid booking, and replays one", async () => {
    const mentorUser = { name: "Inès Webhook", email: uniqueEmail("hook-mentor") };
    const mentor = await createMentor(mentorUser);
    await addPaidOffering(mentor.id);
    const menteeUser = { name: "Paul Payeur", email: uniqueEmail("hook-mentee") };
    await createVerifiedUser(menteeUser);

    // The mentor registers an endpoint; the secret is shown once.
    const m = await signedIn(mentorUser.email, "/mentor/webhooks");
    await m.page.getByText("No endpoint yet.").waitFor();
    await m.watch.check();
    await m.page.getByLabel("Endpoint URL").fill(receiverUrl);
    await m.page.getByLabel("Description (optional)").fill("Our CRM");
    await m.page.getByLabel(/^Booking confirmed/).check();
    await m.page.getByLabel(/^Payment settled/).check();
    await m.page.getByRole("button", { name: "Add endpoint" }).click();
    await m.page.getByText("Endpoint added.").waitFor();
    const secret = await m.page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await m.watch.check();

    // A mentee books and pays through the sandbox's hosted page.
    const p = await signedIn(menteeUser.email, `/mentors/${mentor.id}`);
    await chooseFirstTime(p.page, { price: "€35.00" });
    await p.page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    await p.page.getByRole("button", { name: "Hold this time" }).click();
    await p.page.waitForURL(/\/bookings\/[^/?]+\?new=1$/);
    const bookingId = new URL(p.page.url()).pathname.split("/").at(-1) ?? "";
    await p.page.getByTestId("pay-box").getByRole("button", { name: "Pay €35.00" }).click();
    await p.page.waitForURL(/\/sandbox\/checkout\/[^/]+$/);
    await p.page.getByRole("button", { name: "Pay 35.00 EUR" }).click();
    await p.page
      .getByTestId("payment-message")
      .filter({ hasText: "your booking is confirmed" })
      .waitFor();

    // The worker fans the domain events out and delivers them, signed with the endpoint's secret.
    await expect
      .poll(typesReceived, { timeout: 60_000, interval: 250 })
      .toEqual(["booking.confirmed", "payment.settled"]);
    const payment = await testDb().payment.findFirstOrThrow({ where: { bookingId } });
    for (const request of received) {
      expect(
        verifyWebhookSignature({
          header: request.headers["mentora-signature"] as string,
          body: request.body,
          secret,
        }),
      ).toMatchObject({ valid: true });
      expect(request.body).not.toContain(menteeUser.email);
    }
    const byType = Object.fromEntries(
      received.map((request) => {
        const payload = JSON.parse(request.body) as { type: string; id: string; data: unknown };
        return [payload.type, payload];
      }),
    );
    expect(byType["payment.settled"]).toMatchObject({
      version: 1,
      data: {
        payment: {
          id: payment.id,
          bookingId,
          mentorId: mentor.id,
          amountMinor: 3500,
          currency: "EUR",
          status: "SUCCEEDED",
        },
      },
    });
    expect(byType["booking.confirmed"]).toMatchObject({
      data: { booking: { id: bookingId, status: "CONFIRMED", mentee: { name: "Paul Payeur" } } },
    });
    const settledEvent = await testDb().domainEvent.findFirstOrThrow({
      where: { type: "payment.settled", data: { path: ["paymentId"], equals: payment.id } },
    });
    expect(byType["payment.settled"]?.id).toBe(settledEvent.id);

    // The delivery log shows both; a replay sends the same event id again.
    await m.page.goto("/mentor/webhooks");
    await m.page.getByRole("link", { name: `Manage endpoint ${receiverUrl}` }).click();
    await m.page.waitForURL(/\/mentor\/webhooks\/[^/]+$/);
    const rows = m.page.getByTestId("webhook-delivery");
    await expect.poll(() => rows.count()).toBe(2);
    expect(
      await m.page.locator('[data-testid="webhook-delivery"][data-status="SUCCEEDED"]').count(),
    ).toBe(2);
    await m.watch.check();
    await m.page
      .locator('[data-testid="webhook-delivery"][data-event-type="payment.settled"]')
      .getByRole("button", { name: `Replay event ${settledEvent.id}` })
      .click();
    await m.page.getByText("Replay queued").waitFor();
    await m.watch.check();
    await expect.poll(() => received.length, { timeout: 60_000, interval: 250 }).toBe(3);
    const replayed = received[2];
    expect((JSON.parse(replayed?.body ?? "{}") as { id: string }).id).toBe(settledEvent.id);
    expect(replayed?.headers["mentora-delivery-id"]).not.toBe(
      received.find((request) => request.body.includes('"payment.settled"'))?.headers[
        "mentora-delivery-id"
      ],
    );
    const endpointPath = new URL(m.page.url()).pathname;
    m.watch.done();

    // Another mentor cannot open it; an admin sees it in the list of every endpoint.
    const otherUser = { name: "Other Mentor", email: uniqueEmail("hook-other") };
    await createMentor(otherUser);
    const o = await signedIn(otherUser.email, "/mentor/webhooks");
    const response = await o.page.goto(endpointPath);
    expect(response?.status()).toBe(404);

    const adminUser = { name: "Admin Hooks", email: uniqueEmail("hook-admin") };
    const admin = await createVerifiedUser(adminUser);
    await testDb().user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const a = await signedIn(adminUser.email, "/admin/webhook-endpoints");
    await a.page
      .getByTestId("webhook-endpoint")
      .filter({ hasText: receiverUrl })
      .getByText("Inès Webhook")
      .waitFor();
    await a.watch.check();
    a.watch.done();
  });
});

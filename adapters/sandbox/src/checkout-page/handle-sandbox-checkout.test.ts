import { type CreateCheckoutInput, money } from "@mentora/payment-gateway";
import { describe, expect, it } from "vitest";
import { createSandboxRig, rigPublicUrl, toWebhookRequest } from "../testing/sandbox-rig.ts";
import { handleSandboxCheckout } from "./handle-sandbox-checkout.ts";

const input = (over: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput => ({
  paymentId: "pay_page",
  idempotencyKey: "payment:pay_page",
  amount: money(12_500, "TND"),
  description: "Mentoring with Zoé",
  successUrl: "https://mentora.test/payments/pay_page/return?secret=abc&x=1",
  cancelUrl: "https://mentora.test/payments/pay_page/cancel",
  expiresInMinutes: 15,
  ...over,
});

describe("sandbox checkout page", () => {
  it("GET renders an escaped, labelled page with amount, description and three actions", async () => {
    const rig = createSandboxRig();
    const session = await rig.gateway.createCheckout(
      input({ description: `<script>alert("x")</script> & "quotes"` }),
    );
    const response = await rig.get(session.redirectUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).not.toContain("<script>");
    expect(page).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;",
    );
    expect(page).toContain("Sandbox — no real money");
    expect(page).toContain("12.500 TND");
    expect(page).toContain('<html lang="en">');
    for (const action of ["pay", "decline", "abandon"]) {
      expect(page).toContain(`name="action" value="${action}"`);
    }
    expect(page).toContain(`action="/gateways/sandbox/checkout/${session.providerPaymentId}"`);
  });

  it("POST pay redirects to successUrl and sends one signed webhook; a second POST changes nothing", async () => {
    const rig = createSandboxRig();
    const session = await rig.gateway.createCheckout(input());
    const first = await rig.post(session.redirectUrl, "pay");
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(input().successUrl);
    expect(rig.deliveries).toHaveLength(1);
    const events = await rig.gateway.parseWebhook(toWebhookRequest(rig.deliveries[0]!));
    expect(events).toEqual([
      expect.objectContaining({
        type: "payment.succeeded",
        eventId: `sandbox:${session.providerPaymentId}:succeeded`,
        providerPaymentId: session.providerPaymentId,
        amount: money(12_500, "TND"),
      }),
    ]);

    for (const action of ["pay", "decline"]) {
      const again = await rig.post(session.redirectUrl, action);
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toBe(input().successUrl);
    }
    expect(rig.deliveries).toHaveLength(1);
    expect((await rig.gateway.getPayment(session.providerPaymentId)).status).toBe("succeeded");
    expect(await (await rig.get(session.redirectUrl)).text()).toContain("already paid");
  });

  it("decline and abandon go back to cancelUrl; only decline changes the payment", async () => {
    const rig = createSandboxRig();
    const abandoned = await rig.gateway.createCheckout(input());
    const leave = await rig.post(abandoned.redirectUrl, "abandon");
    expect(leave.headers.get("location")).toBe(input().cancelUrl);
    expect((await rig.gateway.getPayment(abandoned.providerPaymentId)).status).toBe("pending");
    expect(rig.deliveries).toHaveLength(0);

    const decline = await rig.post(abandoned.redirectUrl, "decline");
    expect(decline.headers.get("location")).toBe(input().cancelUrl);
    expect((await rig.gateway.getPayment(abandoned.providerPaymentId)).status).toBe("failed");
    expect(rig.deliveries).toHaveLength(1);
  });

  it.each([
    ["a foreign Origin", "https://evil.example"],
    ["no Origin", null],
    ["a lookalike Origin", "https://mentora.test.evil.example"],
  ])("refuses a POST with %s (403), changing nothing", async (_label, origin) => {
    const rig = createSandboxRig();
    const session = await rig.gateway.createCheckout(input());
    const response = await rig.post(session.redirectUrl, "pay", origin);
    expect(response.status).toBe(403);
    expect((await rig.gateway.getPayment(session.providerPaymentId)).status).toBe("pending");
    expect(rig.deliveries).toHaveLength(0);
  });

  it("an expired checkout shows the expired page; a POST records the expiry once and pays nothing", async () => {
    const rig = createSandboxRig();
    const session = await rig.gateway.createCheckout(input());
    rig.advance(16 * 60_000);
    expect((await rig.get(session.redirectUrl)).status).toBe(410);
    const late = await rig.post(session.redirectUrl, "pay");
    expect(late.status).toBe(410);
    expect(await late.text()).toContain("expired");
    await rig.post(session.redirectUrl, "pay");
    expect(rig.deliveries).toHaveLength(1);
    const [event] = await rig.gateway.parseWebhook(toWebhookRequest(rig.deliveries[0]!));
    expect(event?.type).toBe("payment.expired");
    expect((await rig.gateway.getPayment(session.providerPaymentId)).status).toBe("expired");
  });

  it("answers 404 for unknown ids, 400 for unknown actions, 405 for other methods", async () => {
    const rig = createSandboxRig();
    expect((await rig.get(`${rigPublicUrl}/gateways/sandbox/checkout/sbx_pay_nope`)).status).toBe(
      404,
    );
    expect((await rig.get(`${rigPublicUrl}/gateways/sandbox/checkout/`)).status).toBe(404);
    const session = await rig.gateway.createCheckout(input());
    expect((await rig.post(session.redirectUrl, "refund")).status).toBe(400);
    expect((await rig.options.store.getPayment(session.providerPaymentId))?.status).toBe("pending");
    const response = await handleSandboxCheckout(
      new Request(session.redirectUrl, { method: "DELETE" }),
      rig.options,
    );
    expect(response.status).toBe(405);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakePayPal, startFakePayPal } from "./fake-paypal.ts";
import { generateWebhookKeys, testCredentials } from "./paypal-harness.ts";
import { paypalSpecsDir, skipReason } from "./specs.ts";

const specsDir = paypalSpecsDir();
const keys = generateWebhookKeys();

const validOrder = () => ({
  intent: "CAPTURE",
  purchase_units: [
    { reference_id: "pay_1", custom_id: "pay_1", amount: { currency_code: "EUR", value: "45.00" } },
  ],
  payment_source: {
    paypal: {
      experience_context: {
        return_url: "https://mentora.test/payments/pay_1/return?secret=s",
        cancel_url: "https://mentora.test/payments/pay_1/cancel",
        user_action: "PAY_NOW",
        shipping_preference: "NO_SHIPPING",
      },
    },
  },
});

interface PayPalErrorJson {
  name: string;
  details: { issue: string; field?: string }[];
}

// The fake must refuse what PayPal's spec refuses, or the adapter tests prove nothing.
(specsDir ? describe : describe.skip)(
  `fake PayPal validates requests against the spec${specsDir ? "" : `: ${skipReason}`}`,
  () => {
    let fake: FakePayPal;
    let token: string;

    beforeAll(async () => {
      fake = await startFakePayPal({
        specsDir: specsDir ?? "",
        ...testCredentials,
        signingKeys: keys.paypal,
      });
      const basic = Buffer.from(
        `${testCredentials.clientId}:${testCredentials.clientSecret}`,
      ).toString("base64");
      const response = await fetch(`${fake.url}/v1/oauth2/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      token = ((await response.json()) as { access_token: string }).access_token;
    });
    afterAll(() => fake?.close());
    beforeEach(() => {
      fake.requests.length = 0;
    });

    const call = (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${fake.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it("refuses {} as an order: intent and purchase_units are missing", async () => {
      const response = await call("POST", "/v2/checkout/orders", {});
      expect(response.status).toBe(400);
      const error = (await response.json()) as PayPalErrorJson;
      expect(error.name).toBe("INVALID_REQUEST");
      expect(error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: "/intent", issue: "MISSING_REQUIRED_PARAMETER" }),
          expect.objectContaining({
            field: "/purchase_units",
            issue: "MISSING_REQUIRED_PARAMETER",
          }),
        ]),
      );
    });

    it.each([
      ["a four-letter code", "EURO", 400],
      ["a lower-case code", "eur", 400],
      ["a currency PayPal does not take", "TND", 422],
    ])("refuses %s as currency", async (_label, currency, status) => {
      const order = validOrder();
      order.purchase_units[0]!.amount.currency_code = currency;
      const response = await call("POST", "/v2/checkout/orders", order);
      expect(response.status).toBe(status);
    });

    it("refuses an amount with a comma and one with too many decimals", async () => {
      const comma = validOrder();
      comma.purchase_units[0]!.amount.value = "45,00";
      expect((await call("POST", "/v2/checkout/orders", comma)).status).toBe(400);
      const precise = validOrder();
      precise.purchase_units[0]!.amount.value = "45.001";
      const response = await call("POST", "/v2/checkout/orders", precise);
      expect(response.status).toBe(422);
      expect(((await response.json()) as PayPalErrorJson).details[0]?.issue).toBe(
        "DECIMAL_PRECISION",
      );
    });

    it("accepts a correct order with 201 and a payer-action link", async () => {
      const response = await call("POST", "/v2/checkout/orders", validOrder());
      expect(response.status).toBe(201);
      const order = (await response.json()) as {
        id: string;
        status: string;
        links: { rel: string }[];
      };
      expect(order.status).toBe("PAYER_ACTION_REQUIRED");
      expect(order.links.map((l) => l.rel)).toContain("payer-action");
    });

    it("refuses a PayPal-Request-Id longer than the spec allows and an unknown enum value", async () => {
      const longId = await call("POST", "/v2/checkout/orders", validOrder(), {
        "paypal-request-id": "x".repeat(109),
      });
      expect(longId.status).toBe(400);
      const order = validOrder();
      order.payment_source.paypal.experience_context.user_action = "PAY_LATER";
      expect((await call("POST", "/v2/checkout/orders", order)).status).toBe(400);
    });

    it("answers the same PayPal-Request-Id with the same order", async () => {
      const headers = { "paypal-request-id": "payment:pay_1" };
      const first = (await (
        await call("POST", "/v2/checkout/orders", validOrder(), headers)
      ).json()) as { id: string };
      const again = (await (
        await call("POST", "/v2/checkout/orders", validOrder(), headers)
      ).json()) as { id: string };
      expect(again.id).toBe(first.id);
    });

    it("refuses malformed JSON, calls without a token, and bad payout and verification bodies", async () => {
      const malformed = await fetch(`${fake.url}/v2/checkout/orders`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{",
      });
      expect(malformed.status).toBe(400);
      const anonymous = await fetch(`${fake.url}/v2/checkout/orders/ABC`);
      expect(anonymous.status).toBe(401);
      const payout = await call("POST", "/v1/payments/payouts", {
        sender_batch_header: { sender_batch_id: "po_1" },
      });
      expect(payout.status).toBe(400);
      const verify = await call("POST", "/v1/notifications/verify-webhook-signature", {
        auth_algo: "SHA256withRSA",
      });
      expect(verify.status).toBe(400);
      expect((await call("GET", "/v1/payments/payouts/ABC?page_size=lots")).status).toBe(400);
    });

    it("refuses a refund above what is left of the capture, in PayPal's words", async () => {
      const created = (await (await call("POST", "/v2/checkout/orders", validOrder())).json()) as {
        id: string;
      };
      fake.payer.approve(created.id);
      const captured = (await (
        await call("POST", `/v2/checkout/orders/${created.id}/capture`, {})
      ).json()) as {
        purchase_units: { payments: { captures: { id: string }[] } }[];
      };
      const captureId = captured.purchase_units[0]?.payments.captures[0]?.id;
      const refund = (value: string) =>
        call("POST", `/v2/payments/captures/${captureId}/refund`, {
          amount: { currency_code: "EUR", value },
        });
      expect((await refund("40.00")).status).toBe(201);
      const above = await refund("10.00");
      expect(above.status).toBe(422);
      expect(((await above.json()) as PayPalErrorJson).details[0]?.issue).toBe(
        "REFUND_AMOUNT_EXCEEDED",
      );
    });

    it("verifies only the signatures it made, over the body it signed", async () => {
      fake.emitEvent("PAYMENT.CAPTURE.COMPLETED", "capture", { id: "CAPTURE1" });
      const [delivery] = fake.takeWebhooks();
      if (!delivery) throw new Error("no delivery");
      const verify = async (request: typeof delivery, event: unknown) => {
        const h = request.headers;
        const response = await call("POST", "/v1/notifications/verify-webhook-signature", {
          auth_algo: h["paypal-auth-algo"],
          cert_url: h["paypal-cert-url"],
          transmission_id: h["paypal-transmission-id"],
          transmission_sig: h["paypal-transmission-sig"],
          transmission_time: h["paypal-transmission-time"],
          webhook_id: testCredentials.webhookId,
          webhook_event: event,
        });
        return ((await response.json()) as { verification_status: string }).verification_status;
      };
      const event = JSON.parse(Buffer.from(delivery.rawBody).toString("utf8"));
      expect(await verify(delivery, event)).toBe("SUCCESS");
      expect(await verify(fake.forge(delivery, keys.forger), event)).toBe("FAILURE");
      expect(await verify(delivery, { ...event, resource: { id: "CAPTURE2" } })).toBe("FAILURE");
    });
  },
);

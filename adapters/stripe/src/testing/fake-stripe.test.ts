import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeStripe, startFakeStripe } from "./fake-stripe.ts";
import { createOperationIndex } from "./spec-operations.ts";
import { createSpecValidator } from "./spec-validator.ts";
import { describeWithSpecs } from "./specs-gate.ts";
import { loadStripeSpec } from "./stripe-spec.ts";

/** A session body as stripe-node encodes it (brackets left readable, like the SDK). */
function sessionForm(overrides: Record<string, string | null> = {}): string {
  const fields: Record<string, string | null> = {
    mode: "payment",
    "line_items[0][quantity]": "1",
    "line_items[0][price_data][currency]": "eur",
    "line_items[0][price_data][unit_amount]": "2500",
    "line_items[0][price_data][product_data][name]": "Mentoring session",
    success_url: "https://mentora.test/payments/p1/return",
    cancel_url: "https://mentora.test/payments/p1/cancel",
    "metadata[paymentId]": "p1",
    ...overrides,
  };
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
}

describeWithSpecs("the fake Stripe validates requests against spec3.yaml", (specsDir) => {
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe({ specsDir });
  });
  afterAll(async () => {
    await fake.close();
    expect(fake.specViolations).toEqual([]);
  });

  async function send(
    method: "GET" | "POST",
    path: string,
    body?: string,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${fake.secretKey}`,
        ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body }),
    });
    const json = (await response.json()) as {
      id?: string;
      error?: { type: string; message: string; param?: string; code?: string };
    };
    return { status: response.status, json, headers: response.headers };
  }

  it("creates a correct checkout session (200, spec-shaped)", async () => {
    const { status, json } = await send("POST", "/v1/checkout/sessions", sessionForm());
    expect(status).toBe(200);
    expect(json).toMatchObject({ object: "checkout.session", status: "open", amount_total: 2500 });
  });

  it("refuses a session without mode (400, param mode)", async () => {
    const { status, json } = await send(
      "POST",
      "/v1/checkout/sessions",
      sessionForm({ mode: null }),
    );
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ type: "invalid_request_error", param: "mode" });
  });

  it("refuses an unknown parameter, at the top and nested", async () => {
    const top = await send("POST", "/v1/checkout/sessions", sessionForm({ colour: "blue" }));
    expect(top.status).toBe(400);
    expect(top.json.error).toMatchObject({
      type: "invalid_request_error",
      message: "Received unknown parameter: colour",
      param: "colour",
    });
    const nested = await send(
      "POST",
      "/v1/checkout/sessions",
      sessionForm({ "line_items[0][price_data][colour]": "blue" }),
    );
    expect(nested.status).toBe(400);
    expect(nested.json.error?.param).toBe("line_items[0][price_data][colour]");
  });

  it("refuses what the spec itself refuses: a bad enum, a bad type, a missing success_url", async () => {
    const badMode = await send("POST", "/v1/checkout/sessions", sessionForm({ mode: "gift" }));
    expect(badMode.json.error?.param).toBe("mode");
    const badAmount = await send(
      "POST",
      "/v1/checkout/sessions",
      sessionForm({ "line_items[0][price_data][unit_amount]": "twelve" }),
    );
    expect(badAmount.status).toBe(400);
    expect(badAmount.json.error?.param).toBe("line_items[0][price_data][unit_amount]");
    const noSuccess = await send(
      "POST",
      "/v1/checkout/sessions",
      sessionForm({ success_url: null }),
    );
    expect(noSuccess.status).toBe(400);
    expect(noSuccess.json.error?.param).toBe("success_url");
  });

  it("refuses TND (not a Stripe currency) and a lifetime above 24 hours", async () => {
    const tnd = await send(
      "POST",
      "/v1/checkout/sessions",
      sessionForm({ "line_items[0][price_data][currency]": "tnd" }),
    );
    expect(tnd.status).toBe(400);
    expect(tnd.json.error?.param).toBe("line_items[0][price_data][currency]");
    const tooLong = String(Math.floor(Date.now() / 1000) + 25 * 3600);
    const late = await send("POST", "/v1/checkout/sessions", sessionForm({ expires_at: tooLong }));
    expect(late.json.error?.param).toBe("expires_at");
  });

  it("validates query parameters and path parameters too", async () => {
    const unknownQuery = await send("GET", "/v1/transfers?colour=blue");
    expect(unknownQuery.status).toBe(400);
    expect(unknownQuery.json.error?.param).toBe("colour");
    const badLimit = await send("GET", "/v1/transfers?limit=many");
    expect(badLimit.json.error?.param).toBe("limit");
    const tooLongId = await send("GET", `/v1/checkout/sessions/cs_${"x".repeat(80)}`);
    expect(tooLongId.status).toBe(400);
  });

  it("answers 404 for an unknown session and an unknown route, 401 for another key", async () => {
    expect((await send("GET", "/v1/checkout/sessions/cs_test_nope")).json.error?.code).toBe(
      "resource_missing",
    );
    expect((await send("GET", "/v1/no_such_thing")).status).toBe(404);
    expect(
      (await send("GET", "/v1/transfers", undefined, { authorization: "Bearer sk_test_other" }))
        .status,
    ).toBe(401);
  });

  it("honours Idempotency-Key: same body replays, another body is an idempotency_error", async () => {
    const key = { "idempotency-key": `payment:${Date.now()}` };
    const first = await send("POST", "/v1/checkout/sessions", sessionForm(), key);
    const again = await send("POST", "/v1/checkout/sessions", sessionForm(), key);
    expect(again.json.id).toBe(first.json.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await send(
      "POST",
      "/v1/checkout/sessions",
      sessionForm({ "line_items[0][price_data][unit_amount]": "9900" }),
      key,
    );
    expect(other.status).toBe(400);
    expect(other.json.error?.type).toBe("idempotency_error");
  });

  it("a request refused by validation saves no idempotent result", async () => {
    const key = { "idempotency-key": `payment:invalid-${Date.now()}` };
    expect(
      (await send("POST", "/v1/checkout/sessions", sessionForm({ mode: null }), key)).status,
    ).toBe(400);
    expect((await send("POST", "/v1/checkout/sessions", sessionForm(), key)).status).toBe(200);
  });

  it("refunds no more than what is left on the charge", async () => {
    const created = await send("POST", "/v1/checkout/sessions", sessionForm());
    const sessionId = created.json.id ?? "";
    fake.payer.pay(sessionId);
    const intent = fake.state.sessions.get(sessionId)?.payment_intent ?? "";
    const over = await send("POST", "/v1/refunds", `payment_intent=${intent}&amount=2501`);
    expect(over.status).toBe(400);
    expect(over.json.error?.param).toBe("amount");
    expect((await send("POST", "/v1/refunds", `payment_intent=${intent}`)).status).toBe(200);
    const again = await send("POST", "/v1/refunds", `payment_intent=${intent}&amount=1`);
    expect(again.json.error?.code).toBe("charge_already_refunded");
    expect((await send("POST", "/v1/refunds", "reason=whim")).status).toBe(400);
  });
});

describeWithSpecs("the validator's allowlist of parameters newer than the spec", (specsDir) => {
  it("lets a listed parameter through only with the listed shape; anything else stays unknown", async () => {
    const spec = await loadStripeSpec(specsDir);
    const index = createOperationIndex(spec);
    const validator = createSpecValidator(spec, [
      {
        operationId: "PostTransfers",
        param: ["metadata_v2"],
        schema: { type: "string", maxLength: 10 },
        why: "test entry",
      },
    ]);
    const match = index.match("POST", "/v1/transfers");
    if (!match) throw new Error("POST /v1/transfers is in the spec");
    const body = { amount: "100", currency: "eur", destination: "acct_1" };
    expect(validator.checkRequest(match, {}, { ...body, metadata_v2: "short" })).toMatchObject({
      ok: true,
      body: { amount: 100, metadata_v2: "short" },
    });
    expect(
      validator.checkRequest(match, {}, { ...body, metadata_v2: "far too long a value" }).ok,
    ).toBe(false);
    expect(validator.checkRequest(match, {}, { ...body, other_v2: "x" })).toMatchObject({
      ok: false,
      error: { param: "other_v2" },
    });
  });

  it("the fake's own objects are checked against the spec's response schemas", async () => {
    const spec = await loadStripeSpec(specsDir);
    const validator = createSpecValidator(spec);
    const transfer = { ...spec.fixtures.transfer };
    expect(validator.checkObject("transfer", transfer)).toEqual([]);
    expect(
      validator.checkObject("transfer", { ...transfer, amount: "1100" }).length,
    ).toBeGreaterThan(0);
    const { reversed: _reversed, ...missing } = transfer;
    expect(validator.checkObject("transfer", missing).length).toBeGreaterThan(0);
  });
});

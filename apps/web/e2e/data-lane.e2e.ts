import { describe, expect, inject, it } from "vitest";
import "./context.ts";

// tRPC and /healthz take the web server's data lane (server.ts, decision 059): straight to their
// route modules, before Express. Over HTTP against the BUILT server: what they kept (security
// headers, the same-origin check, compression, metrics) and what the pages kept.
const baseUrl = () => inject("webBaseUrl");

function expectDataHeaders(response: Response, label: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, label).toContain("default-src 'none'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).not.toContain("nonce-");
  expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(response.headers.get("x-frame-options"), label).toBe("DENY");
  expect(response.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("permissions-policy"), label).toContain("camera=()");
  expect(response.headers.get("x-powered-by"), label).toBeNull();
}

describe("the data lane (tRPC, /healthz, payment webhooks)", () => {
  it("answers health through tRPC and /healthz with the strict data headers", async () => {
    const trpc = await fetch(`${baseUrl()}/api/trpc/health.check`);
    expect(trpc.status).toBe(200);
    expect(await trpc.json()).toEqual({
      result: { data: { json: { status: "ok", database: "up" } } },
    });
    expectDataHeaders(trpc, "tRPC");
    const health = await fetch(`${baseUrl()}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toBe("no-store");
    expect(await health.json()).toEqual({ status: "ok" });
    expectDataHeaders(health, "/healthz");
    // HEAD runs the loader and sends no body.
    const head = await fetch(`${baseUrl()}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("keeps the route's own rules: cross-site mutations refused, batches capped, errors in tRPC's shape", async () => {
    const crossSite = await fetch(`${baseUrl()}/api/trpc/notifications.markAllRead`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
    expectDataHeaders(crossSite, "refused");
    const calls = Array.from({ length: 11 }, () => "health.check").join(",");
    const batch = await fetch(`${baseUrl()}/api/trpc/${calls}?batch=1`);
    expect(batch.status).toBe(400);
    expect(await batch.json()).toMatchObject({ error: { code: "BATCH_TOO_LARGE" } });
    const anonymous = await fetch(`${baseUrl()}/api/trpc/notifications.unreadCount`);
    expect(anonymous.status).toBe(401);
  });

  it("compresses a large tRPC answer for a client that accepts gzip", async () => {
    const calls = Array.from({ length: 10 }, () => `${"x".repeat(120)}.missing`).join(",");
    const response = await fetch(`${baseUrl()}/api/trpc/${calls}?batch=1`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    // fetch inflates it: the body is tRPC's batch of errors.
    expect(((await response.json()) as unknown[]).length).toBe(10);
    // A tiny answer goes out as is, with its length: gzipping it cost more than the call.
    const small = await fetch(`${baseUrl()}/api/trpc/health.check`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(small.status).toBe(200);
    expect(small.headers.get("content-encoding")).toBeNull();
    const body = await small.text();
    expect(Number(small.headers.get("content-length"))).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body)).toMatchObject({ result: { data: { json: { status: "ok" } } } });
  });

  it("counts the lane's requests in /metrics under their route ids", async () => {
    await (await fetch(`${baseUrl()}/healthz`)).text();
    await (await fetch(`${baseUrl()}/api/trpc/health.check`)).text();
    const text = await (await fetch(`${baseUrl()}/metrics`)).text();
    expect(text).toMatch(
      /mentora_http_request_duration_seconds_count\{route="routes\/healthz",method="GET",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /mentora_http_request_duration_seconds_count\{route="routes\/api\.trpc\.\$",method="GET",status="200"\} [1-9]/,
    );
  });

  it("takes payment webhooks on the lane with their provider, and leaves Twilio's callbacks to the pages' path", async () => {
    // Unsigned: refused with its stable code by the route itself, under the strict data headers.
    const unsigned = await fetch(`${baseUrl()}/api/webhooks/sandbox`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "evt_lane", type: "payment.succeeded" }),
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ error: "missing_signature" });
    expectDataHeaders(unsigned, "/api/webhooks/sandbox");
    // The provider reaches the route from the path: an unknown one is the route's own answer.
    const unknown = await fetch(`${baseUrl()}/api/webhooks/nobody`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expectDataHeaders(unknown, "/api/webhooks/nobody");
    const text = await (await fetch(`${baseUrl()}/metrics`)).text();
    expect(text).toMatch(
      /mentora_http_request_duration_seconds_count\{route="routes\/api\.webhooks\.\$provider",method="POST",status="400"\} [1-9]/,
    );
    // Twilio's callbacks have their own route: still matched by Remix, behind the pages' policy.
    const twilio = await fetch(`${baseUrl()}/api/webhooks/twilio`, { method: "POST", body: "" });
    expect(twilio.headers.get("content-security-policy")).toContain("nonce-");
  });

  it("leaves the pages on the full path: a nonce in their policy, static files served", async () => {
    const page = await fetch(`${baseUrl()}/sign-in`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    const favicon = await fetch(`${baseUrl()}/favicon.svg`);
    expect(favicon.status).toBe(200);
    // Not fingerprinted: an hour (Vite's assets/ are immutable, edge.e2e.ts).
    expect(favicon.headers.get("cache-control")).toBe("public, max-age=3600");
    // A look-alike of a lane path is a page like any other (Remix answers it: 404).
    const lookAlike = await fetch(`${baseUrl()}/healthz-not`);
    expect(lookAlike.status).toBe(404);
    expect(lookAlike.headers.get("content-security-policy")).toContain("nonce-");
  });
});

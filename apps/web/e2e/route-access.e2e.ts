import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient, type Db } from "@mentora/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RouteAccess, routeAccess } from "../app/lib/route-access.ts";
import "./context.ts";
import { createVerifiedUser, PASSWORD } from "./db.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

const routesDir = path.resolve(import.meta.dirname, "../app/routes");
const METRICS_TOKEN = "route-access-metrics-token-0123456789";

/** The methods a route file answers: GET when it has a loader, POST when it has an action. */
function methodsOf(file: string): ("GET" | "POST")[] {
  const source = readFileSync(path.join(routesDir, file), "utf8");
  const methods: ("GET" | "POST")[] = [];
  if (/export (async )?function loader|export const loader/.test(source)) methods.push("GET");
  if (/export (async )?function action|export const action/.test(source)) methods.push("POST");
  return methods;
}

function entries(...levels: RouteAccess[]) {
  return Object.entries(routeAccess).filter(([, entry]) => levels.includes(entry.access));
}

let servers: ServerPair;
let db: Db;
let menteeCookie: string;

/** Where a method reaches the file's loader or action: an index route's action needs `?index`. */
function target(file: string, method: "GET" | "POST", address: string): string {
  if (method !== "POST" || !file.includes("_index")) return address;
  return `${address}${address.includes("?") ? "&" : "?"}index`;
}

async function call(method: "GET" | "POST", address: string, cookie?: string) {
  const response = await fetch(`${servers.baseUrl}${address}`, {
    method,
    redirect: "manual",
    headers: {
      origin: servers.baseUrl,
      ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...(cookie ? { cookie } : {}),
    },
    ...(method === "POST" ? { body: "intent=probe" } : {}),
  });
  const body = await response.text();
  return { status: response.status, location: response.headers.get("location"), body };
}

beforeAll(async () => {
  // Its own pair: /metrics is open unless METRICS_TOKEN is set.
  servers = await startServerPair(inject("webDbRun"), {
    label: "access",
    env: { METRICS_TOKEN },
  });
  db = createPrismaClient({ connectionString: servers.databaseUrl });
  const email = `mentee-${Date.now()}@example.com`;
  await createVerifiedUser({ name: "Plain Mentee", email }, { baseUrl: servers.baseUrl, db });
  const signIn = await fetch(`${servers.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: servers.baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(signIn.status).toBe(200);
  menteeCookie = signIn.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  expect(menteeCookie).toContain("session_token");
});

afterAll(async () => {
  await db?.$disconnect();
  await servers?.stop();
});

describe("every protected Remix route refuses anonymous visitors (built server)", () => {
  it("sends them to sign-in or answers 401/403/404, never data", async () => {
    const checked: string[] = [];
    for (const [file, { path: address }] of entries("signed-in", "mentor", "admin")) {
      for (const method of methodsOf(file)) {
        const { status, location } = await call(method, target(file, method, address));
        const label = `${method} ${address} (${file}) → ${status} ${location ?? ""}`;
        const toSignIn = status >= 300 && status < 400 && /^\/sign-in\b/.test(location ?? "");
        expect(toSignIn || [401, 403, 404].includes(status), label).toBe(true);
        checked.push(label);
      }
    }
    // The same loaders through single fetch (`<path>.data`, what client navigations request):
    // a redirect travels as 202 + Location, never the data.
    for (const [file, { path: address }] of entries("signed-in", "mentor", "admin")) {
      if (!methodsOf(file).includes("GET") || address.includes("?")) continue;
      const { status, location, body } = await call("GET", `${address}.data`);
      const label = `GET ${address}.data (${file}) → ${status} ${location ?? ""}`;
      const toSignIn = [202, 302, 303].includes(status) && /^\/sign-in\b/.test(location ?? "");
      expect(toSignIn || [401, 403, 404].includes(status), label).toBe(true);
      if (toSignIn) expect(body, label).toContain("SingleFetchRedirect");
      checked.push(label);
    }
    // Every protected file was reached at least once.
    expect(checked.length).toBeGreaterThanOrEqual(entries("signed-in", "mentor", "admin").length);
  });

  it("refuses unsigned webhooks, forged secret links and a missing metrics token", async () => {
    for (const [file, { path: address }] of entries("webhook")) {
      const { status } = await call("POST", address);
      expect(status, `${address} (${file})`).toBeGreaterThanOrEqual(400);
      expect(status, `${address} (${file})`).toBeLessThan(500);
    }
    for (const [file, { path: address }] of entries("secret-link")) {
      const { status } = await call("GET", address);
      expect(status, `${address} (${file})`).toBe(404);
    }
    // The REST API: a key or 401, and a session cookie is no key.
    for (const [file, { path: address }] of entries("api-key")) {
      for (const method of ["GET", "POST"] as const) {
        expect((await call(method, address)).status, `${method} ${file}`).toBe(401);
        expect((await call(method, address, menteeCookie)).status, `${method} ${file}`).toBe(401);
      }
    }
    for (const [file, { path: address }] of entries("token")) {
      expect((await call("GET", address)).status, file).toBe(401);
      const authorized = await fetch(`${servers.baseUrl}${address}`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(authorized.status).toBe(200);
    }
  });

  it("keeps dev-only routes behind a production check", () => {
    for (const [file] of entries("dev-only")) {
      const source = readFileSync(path.join(routesDir, file), "utf8");
      expect(/config\.app\.env === "production"/.test(source), file).toBe(true);
    }
  });

  it("gateway pages exist only for a loaded gateway and a route it declares", async () => {
    for (const [file] of entries("gateway")) {
      // The sandbox can be loaded only outside production: the registry refuses, at start, a
      // gateway whose capabilities say it moves no money.
      const source = readFileSync(path.join(routesDir, file), "utf8");
      expect(/gateways\.ids\.includes\(/.test(source), file).toBe(true);
    }
    for (const address of [
      "/gateways/sandbox/checkout/no-such-session",
      "/gateways/nobody/checkout/x",
      "/gateways/sandbox/constructor",
      "/gateways/sandbox/__proto__/x",
    ]) {
      expect((await call("GET", address)).status, address).toBe(404);
    }
    // The sandbox is loaded here: its old address redirects, a POST staying a POST (308)…
    for (const method of ["GET", "POST"] as const) {
      const moved = await fetch(`${servers.baseUrl}/sandbox/checkout/sbx_pay_x`, {
        method,
        redirect: "manual",
      });
      expect(moved.status, method).toBe(308);
      expect(moved.headers.get("location")).toBe("/gateways/sandbox/checkout/sbx_pay_x");
    }
    // …and the forwarded page keeps its own checks: a POST from another origin is refused.
    const foreign = await fetch(`${servers.baseUrl}/gateways/sandbox/checkout/sbx_pay_x`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "action=pay",
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("admin and mentor routes refuse a signed-in mentee", () => {
  it("answers 403/404 on every admin route, GET and POST", async () => {
    for (const [file, { path: address }] of entries("admin")) {
      for (const method of methodsOf(file)) {
        const { status } = await call(method, target(file, method, address), menteeCookie);
        expect([403, 404], `${method} ${address} (${file}) → ${status}`).toContain(status);
      }
    }
  });

  it("answers 403/404 to a mentee's single-fetch requests for admin data", async () => {
    for (const [file, { path: address }] of entries("admin")) {
      if (!methodsOf(file).includes("GET")) continue;
      const { status } = await call("GET", `${address}.data`, menteeCookie);
      expect([403, 404], `GET ${address}.data (${file}) → ${status}`).toContain(status);
    }
  });

  it("sends a mentee away from mentor-only pages", async () => {
    for (const [file, { path: address }] of entries("mentor")) {
      const { status, location } = await call("GET", address, menteeCookie);
      const away = status >= 300 && status < 400 && location === "/mentor/apply";
      expect(away || [403, 404].includes(status), `${address} (${file}) → ${status}`).toBe(true);
    }
  });
});

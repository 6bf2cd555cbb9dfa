import { validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { holdSlot } from "../bookings/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import type { ApiScope } from "../contracts/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { contextFor, createTestApp } from "../testing/index.ts";
import { publicApiDocument, publicApiResponse } from "../trpc/openapi.ts";
import { createCaller } from "../trpc/router.ts";

/**
 * The public REST API in-process (publicApiResponse is what /api/v1 answers with): keys made
 * through the account procedures, their scopes, revocation, expiry, the rate limit, and who
 * may read what. The browser test (apps/web/e2e/api-keys.e2e.ts) runs the same over HTTP.
 */
let app: App;
let fixture: Awaited<ReturnType<typeof createMentorWithOfferings>>;
const origin = "http://localhost:3000";

beforeAll(async () => {
  // A small limit so one test can spend it; each test uses its own keys.
  app = await createTestApp({ RATE_LIMITS: "api-key=6/60" });
  fixture = await createMentorWithOfferings(app);
});
afterAll(() => app?.close());

async function callerAs(userId: string) {
  const context = await contextFor(app);
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: `s-${userId}`, userId, createdAt: new Date() } },
  } as never);
}

async function keyFor(userId: string, scopes: ApiScope[], name = "test key") {
  return (await callerAs(userId)).apiKeys.create({ name, scopes });
}

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await publicApiResponse({
    services: app,
    request: new Request(`${origin}/api/v1${path}`, { headers }),
  });
  const body = (await response.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; requestId: string; httpStatus: number };
  };
  return { status: response.status, headers: response.headers, body };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function slotRange() {
  const from = nextMondayAt(0);
  const to = new Date(from.getTime() + 2 * 86_400_000);
  return `from=${from.toISOString()}&to=${to.toISOString()}`;
}

describe("API keys", () => {
  it("shows the key once and stores only its hash", async () => {
    const user = await createUser(app, "Keeper");
    const created = await keyFor(user.id, ["mentors:read"], "CI");
    expect(created.key).toMatch(/^mnt_[A-Za-z]{64}$/);
    expect(created.scopes).toEqual(["mentors:read"]);
    const row = await app.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.key).not.toContain(created.key);
    expect(row.key).not.toBe(created.key);
    expect(row.referenceId).toBe(user.id);
    const listed = await (await callerAs(user.id)).apiKeys.list();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed[0]).toMatchObject({ name: "CI", scopes: ["mentors:read"], lastUsedAt: null });
    expect(created.key.startsWith(listed[0]?.start ?? "-")).toBe(true);
  });

  it("lists a mentor's offerings and free slots in the time zone asked for", async () => {
    const user = await createUser(app, "Integrator");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    const mentor = await get(`/mentors/${fixture.mentor.id}`, bearer(key));
    expect(mentor.status).toBe(200);
    expect(mentor.body.name).toBe("Maëlle Mentor");
    const offerings = await get(`/mentors/${fixture.mentor.id}/offerings`, { "x-api-key": key });
    expect(offerings.status).toBe(200);
    const options = (offerings.body.items as { options: { id: string }[] }[]).flatMap((offering) =>
      offering.options.map((option) => option.id),
    );
    expect(options).toContain(fixture.paidOption.id);
    const slots = await get(
      `/options/${fixture.paidOption.id}/slots?${slotRange()}&timeZone=Asia/Tokyo`,
      bearer(key),
    );
    expect(slots.status).toBe(200);
    expect(slots.body.timezone).toBe("Asia/Tokyo");
    const days = slots.body.days as { date: string; slots: { start: string }[] }[];
    expect(days.length).toBeGreaterThan(0);
    expect(days[0]?.slots[0]?.start).toMatch(/Z$/);
    const search = await get("/mentors?q=Ma%C3%ABlle&limit=5", bearer(key));
    expect(search.status).toBe(200);
    expect((search.body.items as { id: string }[]).map((m) => m.id)).toContain(fixture.mentor.id);
    // The count is capped at 100 (decision 071): the API says whether it was.
    expect(search.body).toMatchObject({ totalIsCapped: false, prevCursor: null });
    expect(search.body.total).toBeGreaterThanOrEqual(1);
    // Used: the account page shows when.
    const [listed] = await (await callerAs(user.id)).apiKeys.list();
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("answers bad input with VALIDATION_FAILED and the fields", async () => {
    const user = await createUser(app, "Sloppy");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    const from = nextMondayAt(0).toISOString();
    const response = await get(
      `/options/${fixture.paidOption.id}/slots?from=${from}&to=${from}&timeZone=Mars/Olympus`,
      bearer(key),
    );
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe("VALIDATION_FAILED");
    expect(
      Object.keys((response.body.error as { fieldErrors?: object }).fieldErrors ?? {}),
    ).toEqual(expect.arrayContaining(["timeZone"]));
    const limit = await get("/mentors?limit=500", bearer(key));
    expect(limit.status).toBe(400);
  });

  it("reads the caller's own bookings; another person's reads as 404", async () => {
    const mentee = await createUser(app, "Mentee with key");
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: fixture.paidOption.id,
      startsAt: nextMondayAt(9, 2),
    });
    const { key } = await keyFor(mentee.id, ["bookings:read"]);
    const list = await get("/bookings?when=upcoming", bearer(key));
    expect(list.status).toBe(200);
    expect((list.body.items as { id: string }[]).map((b) => b.id)).toEqual([booking.id]);
    const one = await get(`/bookings/${booking.id}`, bearer(key));
    expect(one.status).toBe(200);
    expect(one.body.status).toBe("PENDING_PAYMENT");
    expect(one.body.startsAt).toBe(nextMondayAt(9, 2).toISOString());

    const stranger = await createUser(app, "Stranger");
    const strangerKey = await keyFor(stranger.id, ["bookings:read", "payments:read"]);
    const theirs = await get(`/bookings/${booking.id}`, bearer(strangerKey.key));
    expect(theirs.status).toBe(404);
    expect(theirs.body.error?.code).toBe("NOT_FOUND");
    expect((await get("/bookings", bearer(strangerKey.key))).body.items).toEqual([]);
    expect((await get("/payments", bearer(strangerKey.key))).body.items).toEqual([]);
  });

  it("refuses a call outside the key's scopes with 403 API_KEY_SCOPE_MISSING", async () => {
    const user = await createUser(app, "Narrow");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    for (const path of ["/bookings", "/payments", "/payments/some-id"]) {
      const response = await get(path, bearer(key));
      expect(response.status).toBe(403);
      expect(response.body.error?.code).toBe("API_KEY_SCOPE_MISSING");
    }
  });

  it("refuses no key, a cookie, a revoked key and an expired key with 401 and a stable code", async () => {
    expect((await get("/mentors")).body.error?.code).toBe("API_KEY_REQUIRED");
    const cookie = await get("/mentors", { cookie: "better-auth.session_token=x" });
    expect(cookie.status).toBe(401);
    expect(cookie.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const malformed = await get("/mentors", bearer("mnt_nope"));
    expect(malformed.body.error?.code).toBe("API_KEY_INVALID");

    const user = await createUser(app, "Revoker");
    const revoked = await keyFor(user.id, ["mentors:read"]);
    expect((await get("/mentors", bearer(revoked.key))).status).toBe(200);
    await (await callerAs(user.id)).apiKeys.revoke({ keyId: revoked.id });
    const afterRevoke = await get("/mentors", bearer(revoked.key));
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.error?.code).toBe("API_KEY_INVALID");

    const expiring = await keyFor(user.id, ["mentors:read"]);
    await app.prisma.apiKey.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await get("/mentors", bearer(expiring.key));
    expect(expired.status).toBe(401);
    expect(expired.body.error?.code).toBe("API_KEY_EXPIRED");
  });

  it("a key cannot be revoked by someone else", async () => {
    const owner = await createUser(app, "Owner");
    const other = await createUser(app, "Other");
    const { id, key } = await keyFor(owner.id, ["mentors:read"]);
    const attempt = (await callerAs(other.id)).apiKeys.revoke({ keyId: id });
    await expect(attempt).rejects.toSatisfy((error) => errorCodeOf(error) === "NOT_FOUND");
    expect((await get("/mentors", bearer(key))).status).toBe(200);
  });

  it("limits each key in Postgres: 429 with Retry-After once spent", async () => {
    const user = await createUser(app, "Busy");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    for (let call = 0; call < 6; call += 1) {
      expect((await get("/mentors", bearer(key))).status).toBe(200);
    }
    const refused = await get("/mentors", bearer(key));
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another key of the same person has its own budget.
    const second = await keyFor(user.id, ["mentors:read"]);
    expect((await get("/mentors", bearer(second.key))).status).toBe(200);
  });

  it("dies when its owner deletes the account", async () => {
    const user = await createUser(app, "Quitter");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    expect((await get("/mentors", bearer(key))).status).toBe(200);
    await (await callerAs(user.id)).account.deleteAccount({ confirmEmail: user.email });
    // The row stays, anonymised: the keys are deleted with the account all the same.
    expect(await app.prisma.apiKey.count({ where: { referenceId: user.id } })).toBe(0);
    const response = await get("/mentors", bearer(key));
    expect(response.status).toBe(401);
    expect(response.body.error?.code).toBe("API_KEY_INVALID");
  });

  it("dies with its user row (cascade)", async () => {
    const user = await createUser(app, "Leaver");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    await app.prisma.user.delete({ where: { id: user.id } });
    const response = await get("/mentors", bearer(key));
    expect(response.status).toBe(401);
    expect(await app.prisma.apiKey.count({ where: { referenceId: user.id } })).toBe(0);
  });

  it("answers an unknown path with 404 NOT_FOUND", async () => {
    const user = await createUser(app, "Lost");
    const { key } = await keyFor(user.id, ["mentors:read"]);
    const response = await get("/admin/users", bearer(key));
    expect(response.status).toBe(404);
    expect(response.body.error?.code).toBe("NOT_FOUND");
  });
});

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document naming every endpoint and its scope", async () => {
    const document = publicApiDocument(origin);
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      "/bookings",
      "/bookings/{bookingId}",
      "/mentors",
      "/mentors/{mentorId}",
      "/mentors/{mentorId}/offerings",
      "/options/{optionId}/slots",
      "/payments",
      "/payments/{paymentId}",
    ]);
    const slots = document.paths?.["/options/{optionId}/slots"]?.get as Record<string, unknown>;
    expect(slots["x-mentora-scope"]).toBe("mentors:read");
    expect(document.servers?.[0]?.url).toBe(`${origin}/api/v1`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { eventDeliverJob, webhookDeliverJob } from "../app/job-handlers.ts";
import { holdSlot } from "../bookings/index.ts";
import { createUser, nextMondayAt } from "../bookings/testing/bookings.ts";
import { errorCodeOf } from "../errors/index.ts";
import type { DomainEvent } from "../events/index.ts";
import { drainJobs } from "../payments/testing/payments-rig.ts";
import { callerFor, createTestApp } from "../testing/index.ts";
import { cleanupWebhookDeliveries } from "./cleanup.job.ts";
import { attemptDelivery, fanOutEvent } from "./deliveries.ts";
import type { WebhookPayload } from "./payload.ts";
import { maxAttempts, retryDelaysMs } from "./retry-schedule.ts";
import { sendWebhook } from "./send.ts";
import { signWebhookPayload, verifyWebhookSignature } from "./signature.ts";
import { type Receiver, startReceiver } from "./testing/receiver.ts";
import { createSignedInAdmin, createSignedInMentor } from "./testing/rig.ts";
import { checkEndpointUrl, isAllowedAddress } from "./url-guard.ts";

let app: App;
let receiver: Receiver;
let mentorA: Awaited<ReturnType<typeof createSignedInMentor>>;
let mentorB: Awaited<ReturnType<typeof createSignedInMentor>>;
/** The access and SSRF tests' mentor (a mentor has at most 10 endpoints). */
let mentorC: Awaited<ReturnType<typeof createSignedInMentor>>;
let admin: Awaited<ReturnType<typeof createSignedInAdmin>>;

beforeAll(async () => {
  // A short timeout so the slow receiver's test stays short.
  app = await createTestApp({ WEBHOOK_DELIVERY_TIMEOUT_MS: "300" });
  receiver = await startReceiver();
  mentorA = await createSignedInMentor(app, "Maëlle Mentor");
  mentorB = await createSignedInMentor(app, "Bruno Mentor");
  mentorC = await createSignedInMentor(app, "Chloé Mentor");
  admin = await createSignedInAdmin(app);
});
afterAll(async () => {
  await receiver?.close();
  await app?.close();
});

const as = (who: { headers: Record<string, string> }) => callerFor(app, who.headers);
const drain = () => drainJobs(app, [eventDeliverJob, webhookDeliverJob]);
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

/** Makes every waiting attempt due now (the retry backoff, skipped). */
const retryNow = () =>
  app.prisma.$executeRaw`
    UPDATE pgboss.job SET start_after = now()
    WHERE name = ${webhookDeliverJob.name} AND state IN ('created', 'retry')`;

async function mentorEndpoint(
  who: { headers: Record<string, string> },
  path: string,
  events: string[] = ["booking.confirmed"],
) {
  return (await as(who)).webhookEndpoints.create({
    url: receiver.url(path),
    description: path,
    events: events as never,
  });
}

let weekOffset = 1;
async function bookFreeSlot(mentor: { freeOptionId: string }) {
  const mentee = await createUser(app, "Nina Mentee");
  const booking = await holdSlot(app, {
    menteeId: mentee.id,
    optionId: mentor.freeOptionId,
    startsAt: nextMondayAt(9, weekOffset++),
  });
  return { booking, mentee };
}

const payloadOfRequest = (body: string) => JSON.parse(body) as WebhookPayload;

describe("deliveries from domain events", () => {
  it("delivers booking.confirmed signed to the mentor's endpoint and to platform endpoints, never to another mentor's", async () => {
    const a = await mentorEndpoint(mentorA, "/a/confirmed");
    const b = await mentorEndpoint(mentorB, "/b/confirmed");
    const platform = await (await as(admin)).admin.webhookEndpoints.create({
      url: receiver.url("/platform/confirmed"),
      description: "",
      events: ["booking.confirmed"],
    });
    expect(a.secret).toMatch(/^whsec_/);
    expect(a.endpoint.secretHint).toBe(`whsec_…${a.secret.slice(-4)}`);

    const { booking, mentee } = await bookFreeSlot(mentorA);
    await drain();

    const event = await app.prisma.domainEvent.findFirstOrThrow({
      where: { type: "booking.confirmed", data: { path: ["bookingId"], equals: booking.id } },
    });
    const [toA] = receiver.at("/a/confirmed");
    expect(receiver.at("/a/confirmed")).toHaveLength(1);
    expect(receiver.verify(toA!, a.secret)).toMatchObject({ valid: true });
    // Another endpoint's secret does not verify it.
    expect(receiver.verify(toA!, b.secret)).toEqual({ valid: false, reason: "mismatch" });
    const payload = payloadOfRequest(toA!.body);
    expect(payload).toMatchObject({
      id: event.id,
      type: "booking.confirmed",
      version: 1,
      data: {
        booking: {
          id: booking.id,
          status: "CONFIRMED",
          mentorId: mentorA.userId,
          mentee: { id: mentee.id, name: "Nina Mentee" },
          priceMinor: 0,
          currency: "EUR",
        },
      },
    });
    expect(toA!.headers["mentora-event-id"]).toBe(event.id);
    // No e-mail address, no secret in what integrators receive.
    expect(toA!.body).not.toContain(mentee.email);
    expect(toA!.body).not.toContain("whsec_");

    expect(receiver.at("/b/confirmed")).toHaveLength(0);
    const [toPlatform] = receiver.at("/platform/confirmed");
    expect(receiver.verify(toPlatform!, platform.secret)).toMatchObject({ valid: true });
    expect(payloadOfRequest(toPlatform!.body).id).toBe(event.id);

    const [logged] = (
      await (
        await as(mentorA)
      ).webhookEndpoints.deliveries({
        endpointId: a.endpoint.id,
      })
    ).items;
    expect(logged).toMatchObject({
      eventId: event.id,
      eventType: "booking.confirmed",
      status: "SUCCEEDED",
      attempts: 1,
      lastStatusCode: 200,
      lastResponseBody: "ok",
      nextAttemptAt: null,
    });
    expect(logged?.lastDurationMs).toBeTypeOf("number");
  });

  it("delivers an event once per endpoint however often it is fanned out or its attempt runs", async () => {
    const a = await mentorEndpoint(mentorA, "/a/once");
    await bookFreeSlot(mentorA);
    await drain();
    expect(receiver.at("/a/once")).toHaveLength(1);
    const event = await app.prisma.domainEvent.findFirstOrThrow({
      where: { type: "booking.confirmed" },
      orderBy: { occurredAt: "desc" },
    });
    const envelope = {
      id: event.id,
      type: event.type,
      version: event.version,
      occurredAt: event.occurredAt.toISOString(),
      data: event.data,
    } as DomainEvent;
    expect(await fanOutEvent(app, envelope)).toBe(0);
    const [delivery] = await app.prisma.webhookDelivery.findMany({
      where: { endpointId: a.endpoint.id },
    });
    expect(await attemptDelivery(app, delivery!.id, 1)).toBe("skipped");
    await drain();
    expect(receiver.at("/a/once")).toHaveLength(1);
    expect(await app.prisma.webhookDelivery.count({ where: { endpointId: a.endpoint.id } })).toBe(
      1,
    );
  });

  it("a mentor's endpoint does not receive another mentor's events, nor event types it did not choose", async () => {
    await mentorEndpoint(mentorB, "/b/cancelled-only", ["booking.cancelled"]);
    const b = await mentorEndpoint(mentorB, "/b/all", ["booking.confirmed", "payment.settled"]);
    await bookFreeSlot(mentorA);
    await drain();
    expect(receiver.at("/b/all")).toHaveLength(0);
    await bookFreeSlot(mentorB);
    await drain();
    expect(receiver.at("/b/cancelled-only")).toHaveLength(0);
    const [own] = receiver.at("/b/all");
    expect(receiver.verify(own!, b.secret)).toMatchObject({ valid: true });
    expect(payloadOfRequest(own!.body).data).toMatchObject({
      booking: { mentorId: mentorB.userId },
    });
  });
});

describe("retries", () => {
  it("retries after a 500 and succeeds, with the same event id and a fresh signature", async () => {
    receiver.script("/a/flaky", { status: 500, body: "boom" });
    const a = await mentorEndpoint(mentorA, "/a/flaky");
    const { deliveryId } = await (await as(mentorA)).webhookEndpoints.sendTest({
      id: a.endpoint.id,
    });
    await drain();
    const failed = await app.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
    });
    expect(failed).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "HTTP 500",
      lastResponseBody: "boom",
    });
    // The next attempt is planned after the first delay of the schedule.
    expect(
      failed.nextAttemptAt!.getTime() - failed.lastAttemptAt!.getTime(),
    ).toBeGreaterThanOrEqual(retryDelaysMs[0]);
    const [planned] = await app.boss
      .findJobs<{ attempt: number }>(webhookDeliverJob.name, {
        data: { deliveryId },
      })
      .then((jobs) => jobs.filter((job) => job.data.attempt === 2));
    expect(planned?.startAfter.getTime()).toBe(failed.nextAttemptAt!.getTime());
    expect(
      await app.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: a.endpoint.id } }),
    ).toMatchObject({ failingSince: expect.any(Date), enabled: true });

    await retryNow();
    await drain();
    expect(
      await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }),
    ).toMatchObject({ status: "SUCCEEDED", attempts: 2, lastStatusCode: 200, lastError: null });
    const requests = receiver.at("/a/flaky");
    expect(requests).toHaveLength(2);
    expect(requests.map((request) => payloadOfRequest(request.body).id)).toEqual([
      payloadOfRequest(requests[0]!.body).id,
      payloadOfRequest(requests[0]!.body).id,
    ]);
    expect(payloadOfRequest(requests[0]!.body).type).toBe("endpoint.test");
    for (const request of requests) {
      expect(receiver.verify(request, a.secret)).toMatchObject({ valid: true });
    }
    expect(
      (await app.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: a.endpoint.id } }))
        .failingSince,
    ).toBeNull();
  });

  it("a receiver slower than the timeout is a failed attempt, retried later", async () => {
    receiver.script("/a/slow", { status: 200, delayMs: 5_000 });
    const a = await mentorEndpoint(mentorA, "/a/slow");
    const { deliveryId } = await (await as(mentorA)).webhookEndpoints.sendTest({
      id: a.endpoint.id,
    });
    await drain();
    expect(
      await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }),
    ).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastStatusCode: null,
      lastError: "timed out",
      nextAttemptAt: expect.any(Date),
    });
  });

  it("does not follow redirects: a 3xx is a failed attempt and the target is never called", async () => {
    receiver.script("/a/redirect", {
      status: 302,
      headers: { location: receiver.url("/a/redirect-target") },
    });
    const a = await mentorEndpoint(mentorA, "/a/redirect");
    const { deliveryId } = await (await as(mentorA)).webhookEndpoints.sendTest({
      id: a.endpoint.id,
    });
    await drain();
    expect(
      await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }),
    ).toMatchObject({ status: "PENDING", lastStatusCode: 302 });
    expect(receiver.at("/a/redirect-target")).toHaveLength(0);
  });

  it(`gives up after ${maxAttempts} attempts: FAILED, nothing more planned`, async () => {
    receiver.script(
      "/a/down",
      ...Array.from({ length: maxAttempts }, () => ({ status: 503, body: "x".repeat(10_000) })),
    );
    const a = await mentorEndpoint(mentorA, "/a/down");
    const { deliveryId } = await (await as(mentorA)).webhookEndpoints.sendTest({
      id: a.endpoint.id,
    });
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      expect(await attemptDelivery(app, deliveryId, attempt)).toBe("failed");
    }
    const delivery = await app.prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
    });
    expect(delivery).toMatchObject({
      status: "FAILED",
      attempts: maxAttempts,
      lastStatusCode: 503,
      nextAttemptAt: null,
    });
    // The response body is kept truncated.
    expect(delivery.lastResponseBody?.length).toBe(2048);
    const jobs = await app.boss.findJobs<{ attempt: number }>(webhookDeliverJob.name, {
      data: { deliveryId },
    });
    expect(Math.max(...jobs.map((job) => job.data.attempt))).toBe(maxAttempts);
    expect(receiver.at("/a/down")).toHaveLength(maxAttempts);
  });

  it("turns off an endpoint failing for days and e-mails its owner; its pending deliveries stop", async () => {
    receiver.script("/a/dead", { status: 500 }, { status: 500 });
    const a = await mentorEndpoint(mentorA, "/a/dead");
    const caller = await as(mentorA);
    const first = await caller.webhookEndpoints.sendTest({ id: a.endpoint.id });
    const second = await caller.webhookEndpoints.sendTest({ id: a.endpoint.id });
    const failingSince = new Date(Date.now() - 73 * 3_600_000);
    await app.prisma.webhookEndpoint.update({
      where: { id: a.endpoint.id },
      data: { failingSince },
    });
    expect(await attemptDelivery(app, first.deliveryId, 1)).toBe("failed");
    const endpoint = await caller.webhookEndpoints.get({ id: a.endpoint.id });
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: "FAILING", failingSince });
    const mentor = await app.prisma.user.findUniqueOrThrow({ where: { id: mentorA.userId } });
    const mails = await app.boss.findJobs<{ subject: string; text: string }>("email.send", {
      data: { to: mentor.email },
    });
    const notice = mails.find((mail) => mail.data.subject.includes("webhook endpoint"));
    expect(notice?.data.text).toContain(receiver.url("/a/dead"));
    expect(notice?.data.text).toContain(`/mentor/webhooks/${a.endpoint.id}`);
    expect(await attemptDelivery(app, second.deliveryId, 1)).toBe("failed");
    expect(
      await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: second.deliveryId } }),
    ).toMatchObject({ status: "FAILED", lastError: "endpoint disabled" });
    expect(receiver.at("/a/dead")).toHaveLength(1);
    // Turned on again by its owner: the failure clock starts over.
    expect(
      await caller.webhookEndpoints.update({ id: a.endpoint.id, enabled: true }),
    ).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });
});

describe("replay", () => {
  it("sends the same event id again as a new delivery; an admin's replay is audit-logged", async () => {
    const a = await mentorEndpoint(mentorA, "/a/replay");
    await bookFreeSlot(mentorA);
    await drain();
    const [original] = (
      await (
        await as(mentorA)
      ).webhookEndpoints.deliveries({
        endpointId: a.endpoint.id,
      })
    ).items;
    expect(original?.status).toBe("SUCCEEDED");

    const mine = await (await as(mentorA)).webhookEndpoints.replay({ deliveryId: original!.id });
    const byAdmin = await (await as(admin)).admin.webhookEndpoints.replay({
      deliveryId: original!.id,
    });
    await drain();
    const requests = receiver.at("/a/replay");
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => payloadOfRequest(request.body).id))).toEqual(
      new Set([original!.eventId]),
    );
    expect(new Set(requests.map((request) => request.headers["mentora-delivery-id"])).size).toBe(3);
    for (const request of requests) {
      expect(receiver.verify(request, a.secret)).toMatchObject({ valid: true });
    }
    const rows = await app.prisma.webhookDelivery.findMany({
      where: { endpointId: a.endpoint.id },
      orderBy: { replay: "asc" },
    });
    expect(rows.map((row) => [row.id, row.replay, row.status])).toEqual([
      [original!.id, 0, "SUCCEEDED"],
      [mine.deliveryId, 1, "SUCCEEDED"],
      [byAdmin.deliveryId, 2, "SUCCEEDED"],
    ]);
    const audit = await app.prisma.auditLog.findMany({
      where: { action: "webhook-endpoint.replay", targetId: original!.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.userId });
  });

  it("refuses a replay or a test event on a disabled endpoint", async () => {
    const a = await mentorEndpoint(mentorA, "/a/off");
    const caller = await as(mentorA);
    const { deliveryId } = await caller.webhookEndpoints.sendTest({ id: a.endpoint.id });
    await caller.webhookEndpoints.update({ id: a.endpoint.id, enabled: false });
    expect(await codeOf(caller.webhookEndpoints.sendTest({ id: a.endpoint.id }))).toBe(
      "WEBHOOK_ENDPOINT_DISABLED",
    );
    expect(await codeOf(caller.webhookEndpoints.replay({ deliveryId }))).toBe(
      "WEBHOOK_ENDPOINT_DISABLED",
    );
  });
});

describe("access", () => {
  it("a mentor never sees another mentor's endpoint or deliveries: NOT_FOUND everywhere", async () => {
    const a = await mentorEndpoint(mentorC, "/a/private");
    const { deliveryId } = await (await as(mentorC)).webhookEndpoints.sendTest({
      id: a.endpoint.id,
    });
    const intruder = (await as(mentorB)).webhookEndpoints;
    const id = a.endpoint.id;
    expect(await codeOf(intruder.get({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(intruder.deliveries({ endpointId: id }))).toBe("NOT_FOUND");
    expect(await codeOf(intruder.update({ id, enabled: false }))).toBe("NOT_FOUND");
    expect(await codeOf(intruder.rotateSecret({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(intruder.sendTest({ id }))).toBe("NOT_FOUND");
    expect(await codeOf(intruder.replay({ deliveryId }))).toBe("NOT_FOUND");
    expect(await codeOf(intruder.delete({ id }))).toBe("NOT_FOUND");
    expect((await intruder.list()).map((endpoint) => endpoint.id)).not.toContain(id);
    expect(await app.prisma.webhookEndpoint.findUnique({ where: { id } })).toMatchObject({
      enabled: true,
    });
  });

  it("a mentor does not see platform endpoints; an admin sees every endpoint and audits changes", async () => {
    const platform = await (await as(admin)).admin.webhookEndpoints.create({
      url: receiver.url("/platform/private"),
      description: "ERP",
      events: ["payout.paid"],
    });
    expect(platform.endpoint.scope).toBe("PLATFORM");
    expect(
      await codeOf((await as(mentorC)).webhookEndpoints.get({ id: platform.endpoint.id })),
    ).toBe("NOT_FOUND");
    const a = await mentorEndpoint(mentorC, "/a/seen-by-admin");
    const all = await (await as(admin)).admin.webhookEndpoints.list({ limit: 100 });
    const ids = all.items.map((endpoint) => endpoint.id);
    expect(ids).toEqual(expect.arrayContaining([platform.endpoint.id, a.endpoint.id]));
    const rotated = await (await as(admin)).admin.webhookEndpoints.rotateSecret({
      id: platform.endpoint.id,
    });
    expect(rotated.secret).not.toBe(platform.secret);
    const actions = await app.prisma.auditLog.findMany({
      where: { targetId: platform.endpoint.id },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "webhook-endpoint.create",
      "webhook-endpoint.rotate-secret",
    ]);
  });

  it("a mentor has at most 10 endpoints", async () => {
    const mentor = await createSignedInMentor(app, "Many Endpoints");
    for (let index = 0; index < 10; index += 1) await mentorEndpoint(mentor, `/m/${index}`);
    expect(await codeOf(mentorEndpoint(mentor, "/m/11"))).toBe("WEBHOOK_ENDPOINT_LIMIT");
  });
});

describe("SSRF guard", () => {
  it.each([
    ["http://10.0.0.7/hook", "private_address"],
    ["http://192.168.1.1/hook", "private_address"],
    ["http://169.254.169.254/latest/meta-data", "private_address"],
    ["http://[fd00::1]/hook", "private_address"],
    ["http://[::ffff:10.0.0.1]/hook", "private_address"],
    ["http://0.0.0.0/hook", "private_address"],
    ["ftp://example.com/hook", "VALIDATION_FAILED"],
    ["http://user:pass@127.0.0.1/hook", "credentials"],
  ])("refuses %s when an endpoint is registered", async (url, reason) => {
    const error = await (await as(mentorC)).webhookEndpoints
      .create({ url, description: "", events: ["booking.confirmed"] })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    if (reason === "VALIDATION_FAILED") {
      expect(errorCodeOf(error) ?? "VALIDATION_FAILED").toBe("VALIDATION_FAILED");
      expect(error).not.toBeNull();
    } else {
      expect(errorCodeOf(error)).toBe("WEBHOOK_URL_REJECTED");
      expect((error as { cause?: { details?: unknown } }).cause?.details).toMatchObject({
        reason,
      });
    }
  });

  it("in production: https only, and no loopback, even through a host name", async () => {
    const production = { production: true };
    const rejection = (url: string) =>
      checkEndpointUrl(url, production).then(
        () => "accepted",
        (error: { details?: { reason?: string } }) => error.details?.reason,
      );
    expect(await rejection("http://93.184.215.14/hook")).toBe("scheme");
    expect(await rejection("https://127.0.0.1/hook")).toBe("private_address");
    expect(await rejection("https://localhost/hook")).toBe("private_address");
    expect(await rejection("https://93.184.215.14/hook")).toBe("accepted");
    expect(isAllowedAddress("::1", production)).toBe(false);
    expect(isAllowedAddress("100.64.0.1", production)).toBe(false);
    expect(isAllowedAddress("8.8.8.8", production)).toBe(true);
    expect(isAllowedAddress("2606:4700:4700::1111", production)).toBe(true);
  });

  it("re-checks the address at delivery time: a URL changed behind the form is never called", async () => {
    const a = await mentorEndpoint(mentorC, "/a/rebound");
    await app.prisma.webhookEndpoint.update({
      where: { id: a.endpoint.id },
      data: { url: "http://169.254.169.254/latest/meta-data" },
    });
    const { deliveryId } = await (await as(mentorC)).webhookEndpoints.sendTest({
      id: a.endpoint.id,
    });
    await drain();
    expect(
      await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }),
    ).toMatchObject({ lastStatusCode: null, lastError: "address 169.254.169.254 refused" });
    // A host name is checked on the connection's own DNS answer (no second lookup to race).
    const viaName = await sendWebhook({
      url: `https://localhost:${receiver.port}/a/by-name`,
      body: "{}",
      headers: {},
      timeoutMs: 1_000,
      policy: { production: true },
    });
    expect(viaName.error).toMatch(/^EADDRREFUSED/);
    expect(receiver.at("/a/by-name")).toHaveLength(0);
  });
});

describe("signature helper", () => {
  const secret = "whsec_test";
  const body = '{"id":"evt"}';
  const now = new Date("2026-12-05T06:00:00Z");
  const t = Math.floor(now.getTime() / 1000);

  it("accepts its own signature and refuses a changed body, another secret, an old timestamp or junk", () => {
    const header = signWebhookPayload(secret, body, t);
    expect(verifyWebhookSignature({ header, body, secret, now })).toEqual({
      valid: true,
      timestamp: t,
    });
    expect(verifyWebhookSignature({ header, body: `${body} `, secret, now })).toEqual({
      valid: false,
      reason: "mismatch",
    });
    expect(verifyWebhookSignature({ header, body, secret: "whsec_other", now })).toMatchObject({
      valid: false,
    });
    const old = signWebhookPayload(secret, body, t - 301);
    expect(verifyWebhookSignature({ header: old, body, secret, now })).toEqual({
      valid: false,
      reason: "expired",
    });
    for (const junk of [undefined, "", "v1=abc", `t=${t}`, `t=x,v1=${"0".repeat(64)}`]) {
      expect(verifyWebhookSignature({ header: junk, body, secret, now })).toEqual({
        valid: false,
        reason: "malformed",
      });
    }
  });
});

describe("delivery log retention", () => {
  it("deletes finished deliveries older than RETENTION_WEBHOOK_DAYS; keeps recent and pending ones", async () => {
    const a = await mentorEndpoint(mentorC, "/c/retention");
    const caller = await as(mentorC);
    const ids = [];
    for (let index = 0; index < 4; index += 1) {
      ids.push((await caller.webhookEndpoints.sendTest({ id: a.endpoint.id })).deliveryId);
    }
    const [oldSucceeded, oldFailed, oldPending, recent] = ids as [string, string, string, string];
    const old = new Date(Date.now() - 91 * 86_400_000);
    await app.prisma.webhookDelivery.update({
      where: { id: oldSucceeded },
      data: { status: "SUCCEEDED", createdAt: old },
    });
    await app.prisma.webhookDelivery.update({
      where: { id: oldFailed },
      data: { status: "FAILED", createdAt: old },
    });
    await app.prisma.webhookDelivery.update({
      where: { id: oldPending },
      data: { createdAt: old },
    });
    await app.prisma.webhookDelivery.update({
      where: { id: recent },
      data: { status: "SUCCEEDED" },
    });
    expect(await cleanupWebhookDeliveries(app)).toBe(2);
    const left = await app.prisma.webhookDelivery.findMany({
      where: { endpointId: a.endpoint.id },
      select: { id: true },
    });
    expect(left.map((row) => row.id).sort()).toEqual([oldPending, recent].sort());
  });
});

import path from "node:path";
import { publishRealtime } from "@mentora/core/realtime";
import { createPrismaClient, type Db } from "@mentora/db";
import type { Browser, Request as BrowserRequest, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, uniqueEmail } from "./browser.ts";
import "./context.ts";
import { createMentor, createVerifiedUser, PASSWORD, type Target } from "./db.ts";
import { freePort, type Managed, spawnNode, waitForHealthy } from "./processes.ts";
import { cloneTemplate, testEnv } from "./servers.ts";

// Issue #15, the transport: TWO BUILT web processes on ONE database. This test process is the
// third one that publishes (as the worker would): a row reaches an SSE subscriber on either web
// process through LISTEN/NOTIFY; a web process restarted while a client was away replays what
// was published meanwhile from the last event id; nobody else's stream carries it; a stream
// needs a session (401) and a per-user cap holds (429). HTTP only, with a compressed client.

const webDir = path.resolve(import.meta.dirname, "..");
const MAX_STREAMS = 3;

type SseEvent = { event: string; id: string | undefined; data: unknown };

/**
 * An SSE client over fetch, as an EventSource reads the stream (plus Accept-Encoding: gzip).
 * `seen`: the ids this person's "tab" already has; a reconnect may send a few again (rows inside
 * the late-commit window, decision 031) and, like the browser's hook, the client skips them.
 */
async function openStream(
  baseUrl: string,
  cookie: string | null,
  lastEventId?: string,
  seen = new Set<string>(),
) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/trpc/realtime.stream`, {
    headers: {
      accept: "text/event-stream",
      // compression() would hold events in its gzip window: the stream must bypass it.
      "accept-encoding": "gzip, deflate, br",
      ...(cookie ? { cookie } : {}),
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    },
    signal: abort.signal,
  });
  const queue: SseEvent[] = [];
  const waiters: ((event: SseEvent | null) => void)[] = [];
  let ended = false;
  const push = (event: SseEvent | null) => {
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else if (event) queue.push(event);
    else ended = true;
  };
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event: SseEvent = { event: "message", id: undefined, data: undefined };
            for (const line of block.split("\n")) {
              const colon = line.indexOf(":");
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
              if (field === "event") event.event = value;
              else if (field === "id") event.id = value;
              else if (field === "data") event.data = value ? JSON.parse(value) : "";
            }
            push(event);
          }
        }
      } catch {
        // aborted by close()
      }
      for (const waiter of waiters.splice(0)) waiter(null);
      ended = true;
    })();
  }
  return {
    response,
    /** The next data event (pings and the `connected` event skipped); null once it ended. */
    async next(): Promise<{ id: string; topic: string; ref: string } | null> {
      for (;;) {
        const event =
          queue.shift() ??
          (ended ? null : await new Promise<SseEvent | null>((resolve) => waiters.push(resolve)));
        if (!event) return null;
        if (event.event !== "message" || !event.id || seen.has(event.id)) continue;
        seen.add(event.id);
        const data = (event.data as { json: { topic: string; ref: string } }).json;
        return { id: event.id ?? "", topic: data.topic, ref: data.ref };
      }
    },
    close: () => abort.abort(),
  };
}

let databaseUrl: string;
let db: Db;
const authSecret = "e2e-realtime-".padEnd(64, "x");
const webs: { url: string; port: number; process: Managed }[] = [];

async function startWeb(port: number): Promise<Managed> {
  const url = `http://127.0.0.1:${port}`;
  const web = spawnNode(`web:${port}`, ["server.ts"], {
    cwd: webDir,
    env: testEnv({
      databaseUrl,
      port,
      publicUrl: url,
      authSecret,
      env: { REALTIME_MAX_STREAMS_PER_USER: String(MAX_STREAMS) },
    }),
  });
  await waitForHealthy(`${url}/healthz`, [web]);
  return web;
}

async function signIn(target: Target, name: string) {
  const email = uniqueEmail(name.toLowerCase().replace(" ", "-"));
  const user = await createVerifiedUser({ name, email }, target);
  const response = await fetch(`${target.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: target.baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  return { id: user.id, cookie, seen: new Set<string>() };
}

const publish = (userIds: string[], ref: string) =>
  db.$transaction((tx) => publishRealtime(tx, { userIds, topic: "notification", ref }));
const lastSeq = async () =>
  String((await db.realtimeMessage.aggregate({ _max: { seq: true } }))._max.seq ?? 0n);

let alice: { id: string; cookie: string; seen: Set<string> };
let bob: { id: string; cookie: string; seen: Set<string> };

beforeAll(async () => {
  databaseUrl = await cloneTemplate(inject("webDbRun"), "realtime");
  db = createPrismaClient({ connectionString: databaseUrl });
  // Both at once; afterAll stops whichever came up.
  const ports = await Promise.all([freePort(), freePort()]);
  const started = await Promise.allSettled(
    ports.map(async (port) => {
      webs.push({ url: `http://127.0.0.1:${port}`, port, process: await startWeb(port) });
    }),
  );
  for (const result of started) if (result.status === "rejected") throw result.reason;
  // Signed up on one process, the session cookie is good on both (one AUTH_SECRET).
  const target = { baseUrl: webs[0]!.url, db };
  alice = await signIn(target, "Alice Live");
  bob = await signIn(target, "Bob Live");
});

let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await Promise.all(webs.map((web) => web.process.stop()));
  await db?.$disconnect();
});

describe("realtime stream across two web processes", () => {
  it("refuses a stream without a session with 401 and a stable code", async () => {
    const stream = await openStream(webs[0]!.url, null);
    expect(stream.response.status).toBe(401);
    const body = (await stream.response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("UNAUTHORIZED");
  });

  it("delivers a row published by a third process to a subscriber on either process, and to nobody else", async () => {
    const from = await lastSeq();
    // Two tabs of Alice's (each its own), one of Bob's.
    const onFirst = await openStream(webs[0]!.url, alice.cookie, from, alice.seen);
    const onSecond = await openStream(webs[1]!.url, alice.cookie, from);
    const bobs = await openStream(webs[1]!.url, bob.cookie, from, bob.seen);
    for (const stream of [onFirst, onSecond, bobs]) {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get("content-type")).toContain("text/event-stream");
      expect(stream.response.headers.get("content-encoding")).toBeNull();
      expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    }
    await publish([alice.id], "for-alice");
    const [first, second] = await Promise.all([onFirst.next(), onSecond.next()]);
    expect(first).toMatchObject({ topic: "notification", ref: "for-alice" });
    expect(second).toEqual(first);
    // Bob's stream skipped Alice's row: the first thing it carries is his own.
    await publish([bob.id], "for-bob");
    expect(await bobs.next()).toMatchObject({ ref: "for-bob" });
    for (const stream of [onFirst, onSecond, bobs]) stream.close();
  });

  it("caps the streams one person holds on a process with 429 REALTIME_STREAM_LIMIT", async () => {
    const from = await lastSeq();
    const open = [];
    for (let i = 0; i < MAX_STREAMS; i++) {
      const stream = await openStream(webs[0]!.url, bob.cookie, from, new Set(bob.seen));
      expect(stream.response.status).toBe(200);
      open.push(stream);
    }
    // Registered once the backlog is read: a row each proves all of them are.
    await publish([bob.id], "fill");
    for (const stream of open) expect(await stream.next()).toMatchObject({ ref: "fill" });
    const refused = await openStream(webs[0]!.url, bob.cookie, from);
    expect(refused.response.status).toBe(429);
    expect(((await refused.response.json()) as { error: { code: string } }).error.code).toBe(
      "REALTIME_STREAM_LIMIT",
    );
    // The other process counts its own.
    const elsewhere = await openStream(webs[1]!.url, bob.cookie, from);
    expect(elsewhere.response.status).toBe(200);
    for (const stream of [...open, elsewhere]) stream.close();
    // Closed streams free their places.
    await expect
      .poll(async () => {
        const again = await openStream(webs[0]!.url, bob.cookie, await lastSeq());
        again.close();
        return again.response.status;
      })
      .toBe(200);
  });

  it("after a web process restarts, a reconnect with the last event id gets what was published while it was down", async () => {
    const web = webs[0]!;
    const stream = await openStream(web.url, alice.cookie, await lastSeq(), alice.seen);
    await publish([alice.id], "before-restart");
    const seen = await stream.next();
    expect(seen?.ref).toBe("before-restart");
    await web.process.stop();
    // The server ended the stream as it stopped.
    expect(await stream.next()).toBeNull();
    await publish([alice.id], "while-down-1");
    await publish([bob.id], "not-alice");
    await publish([alice.id], "while-down-2");
    web.process = await startWeb(web.port);
    // As an EventSource reconnects: the same URL with Last-Event-ID.
    const again = await openStream(web.url, alice.cookie, seen?.id, alice.seen);
    expect(again.response.status).toBe(200);
    expect((await again.next())?.ref).toBe("while-down-1");
    expect((await again.next())?.ref).toBe("while-down-2");
    again.close();
  });

  it("in a browser: the mentor's calendar re-reads on a booking message, and after its web process restarts it replays what was published while it was down", async () => {
    const web = webs[1]!;
    const target = { baseUrl: web.url, db };
    const email = uniqueEmail("live-mentor");
    const mentor = await createMentor({ name: "Live Mentor", email }, target);
    browser = await launchBrowser();
    const context = await browser.newContext({ baseURL: web.url, locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/sign-in?redirectTo=%2Fmentor%2Fcalendar");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    const streamOpened = page.waitForRequest((request) =>
      request.url().includes("/api/trpc/realtime.stream"),
    );
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL("**/mentor/calendar");
    await streamOpened;
    // The calendar's loader runs again (Remix single fetch: a `.data` request) on a message.
    const calendarReload = (p: Page) =>
      p.waitForRequest((request) => new URL(request.url()).pathname.endsWith(".data"), {
        timeout: 60_000,
      });
    // Live. The stream starts from the newest row when the server has read it, which the page
    // cannot show: publish again until one message lands (each try waits for its reload).
    let reloaded = false;
    for (let attempt = 0; attempt < 20 && !reloaded; attempt++) {
      // The re-read's answer, not only its request: a stop during it would fail the page.
      const reload = page
        .waitForResponse((response) => new URL(response.url()).pathname.endsWith(".data"), {
          timeout: 3_000,
        })
        .then(
          (response) => response.status() === 200,
          () => false,
        );
      await publishBooking(mentor.id, `live-${attempt}`);
      reloaded = await reload;
    }
    expect(reloaded).toBe(true);

    // The web process goes away; a booking message is published meanwhile; it comes back.
    await web.process.stop();
    await publishBooking(mentor.id, "while-down");
    const reopened = page.waitForRequest(
      (request: BrowserRequest) =>
        request.url().includes("/api/trpc/realtime.stream") && lastEventIdOf(request) !== null,
      { timeout: 60_000 },
    );
    const reload = calendarReload(page);
    web.process = await startWeb(web.port);
    // The browser reconnects by itself and sends the last event id it had.
    expect(Number(lastEventIdOf(await reopened))).toBeGreaterThan(0);
    await reload;
    await context.close();
  });
});

const publishBooking = (mentorId: string, ref: string) =>
  db.$transaction((tx) => publishRealtime(tx, { userIds: [mentorId], topic: "booking", ref }));

/** The last event id a stream request carries: EventSource's header, or tRPC's input. */
function lastEventIdOf(request: BrowserRequest): string | null {
  const header = request.headers()["last-event-id"];
  if (header) return header;
  const input = new URL(request.url()).searchParams.get("input");
  if (!input) return null;
  const parsed = JSON.parse(input) as { json?: { lastEventId?: string } };
  return parsed.json?.lastEventId ?? null;
}

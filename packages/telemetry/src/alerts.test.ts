import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createPrismaClient, type Db } from "@mentora/db";
import { createTestDatabase, type TestDatabase } from "@mentora/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createFailureAlerter, type FailureAlert, postAlertWebhook } from "./alerts.ts";

// The alerter counts in Postgres: every test runs against a real database, each with keys of
// its own (the window is shared by everything on the database, as between processes).
let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient({ connectionString: database.url });
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

function setup(overrides: { notify?: (alert: FailureAlert) => Promise<void> } = {}) {
  let time = 1_000_000;
  const clock = {
    advance: (ms: number) => {
      time += ms;
    },
  };
  const notify = vi.fn(overrides.notify ?? (async () => {}));
  const logger = { error: vi.fn() };
  const options = {
    db,
    threshold: 3,
    windowMs: 60_000,
    cooldownMs: 300_000,
    now: () => time,
    notify,
    logger: logger as never,
  };
  const alerter = createFailureAlerter(options);
  /** Another process's alerter on the same database (same clock, its own notify). */
  const otherProcess = (otherNotify: (alert: FailureAlert) => Promise<void>) =>
    createFailureAlerter({ ...options, notify: otherNotify });
  // Keys of this test only: "k" becomes "k:<uuid>".
  const suffix = randomUUID();
  const key = (name: string) => `${name}:${suffix}`;
  return { alerter, notify, logger, clock, otherProcess, key };
}

describe("createFailureAlerter", () => {
  it("does not notify below the threshold", async () => {
    const { alerter, notify, key } = setup();
    await alerter.record(key("webhook:stripe"));
    await alerter.record(key("webhook:stripe"));
    expect(notify).not.toHaveBeenCalled();
  });

  it("notifies once when the threshold is reached", async () => {
    const { alerter, notify, key } = setup();
    for (let i = 0; i < 3; i += 1) await alerter.record(key("webhook:stripe"));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith({
      key: key("webhook:stripe"),
      count: 3,
      windowMs: 60_000,
      message: `3 failures for ${key("webhook:stripe")} within 1 min`,
    });
  });

  it("counts keys separately", async () => {
    const { alerter, notify, key } = setup();
    await alerter.record(key("a"));
    await alerter.record(key("a"));
    await alerter.record(key("b"));
    await alerter.record(key("b"));
    expect(notify).not.toHaveBeenCalled();
    await alerter.record(key("b"));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]?.[0].key).toBe(key("b"));
  });

  it("stays quiet during the cooldown, then alerts again after it", async () => {
    const { alerter, notify, clock, key } = setup();
    for (let i = 0; i < 3; i += 1) await alerter.record(key("k"));
    expect(notify).toHaveBeenCalledTimes(1);

    // A failure every 10 s for 290 s, all within the cooldown: no second alert.
    for (let i = 0; i < 29; i += 1) {
      clock.advance(10_000);
      await alerter.record(key("k"));
    }
    expect(notify).toHaveBeenCalledTimes(1);

    // 300 s after the first alert the cooldown is over and the window is still above threshold.
    clock.advance(10_000);
    await alerter.record(key("k"));
    expect(notify).toHaveBeenCalledTimes(2);
    expect(notify.mock.calls[1]?.[0].count).toBe(6); // 250, 260, ..., 300 s: within the last 60 s
  });

  it("alerts after the cooldown only once the threshold is reached again", async () => {
    const { alerter, notify, clock, key } = setup();
    for (let i = 0; i < 3; i += 1) await alerter.record(key("k"));
    clock.advance(400_000);
    await alerter.record(key("k"));
    await alerter.record(key("k"));
    expect(notify).toHaveBeenCalledTimes(1);
    await alerter.record(key("k"));
    expect(notify).toHaveBeenCalledTimes(2);
  });

  it("slides the window: failures older than windowMs no longer count", async () => {
    const { alerter, notify, clock, key } = setup();
    await alerter.record(key("k")); // t = 0
    clock.advance(30_000);
    await alerter.record(key("k")); // t = 30 s
    clock.advance(30_000);
    await alerter.record(key("k")); // t = 60 s: the first failure left the window
    expect(notify).not.toHaveBeenCalled();
    clock.advance(29_999);
    await alerter.record(key("k")); // t = 89.999 s: 30, 60 and 89.999 are within 60 s
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]?.[0].count).toBe(3);
  });

  it("logs a failing notify, never throws it, and keeps the cooldown", async () => {
    const error = new Error("smtp down");
    const { alerter, notify, logger, key } = setup({
      notify: async () => {
        throw error;
      },
    });
    await alerter.record(key("k"));
    await alerter.record(key("k"));
    await expect(alerter.record(key("k"))).resolves.toBeUndefined();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      { err: error, alert: { key: key("k"), count: 3, windowMs: 60_000 } },
      "failure alert notification failed",
    );
    await alerter.record(key("k"));
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it("does not alert twice while a slow notify is still running", async () => {
    let release: () => void = () => {};
    const { alerter, notify, key } = setup({
      notify: () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    });
    await alerter.record(key("k"));
    await alerter.record(key("k"));
    // The third and fourth failures race: whichever counts first alerts and waits in notify;
    // the other must finish meanwhile without alerting.
    const third = alerter.record(key("k"));
    const fourth = alerter.record(key("k"));
    await Promise.race([third, fourth]);
    expect(notify).toHaveBeenCalledTimes(1);
    release();
    await Promise.all([third, fourth]);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it("two processes share one window: their failures add up, and one alert goes out", async () => {
    const { alerter, notify, otherProcess, key } = setup();
    const otherNotify = vi.fn(async (_alert: FailureAlert) => {});
    const other = otherProcess(otherNotify);
    await alerter.record(key("webhook:paypal"));
    await other.record(key("webhook:paypal"));
    expect(notify).not.toHaveBeenCalled();
    expect(otherNotify).not.toHaveBeenCalled();
    // The third failure, counted by the second process, crosses the threshold of both.
    await other.record(key("webhook:paypal"));
    expect(otherNotify).toHaveBeenCalledTimes(1);
    expect(otherNotify.mock.calls[0]?.[0]).toMatchObject({ count: 3 });
    // Within the cooldown, the first process does not alert again.
    await alerter.record(key("webhook:paypal"));
    expect(notify).not.toHaveBeenCalled();
    expect(otherNotify).toHaveBeenCalledTimes(1);
  });

  it("two processes crossing the threshold at once send one alert between them", async () => {
    const { alerter, notify, otherProcess, key } = setup();
    const otherNotify = vi.fn(async (_alert: FailureAlert) => {});
    const other = otherProcess(otherNotify);
    // Twenty failures at the same moment, half in each process: the key's row lock serializes
    // them, so exactly one of them sees the threshold crossed with no alert sent yet.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? alerter : other).record(key("k"))),
    );
    expect(notify.mock.calls.length + otherNotify.mock.calls.length).toBe(1);
    const [alert] = [...notify.mock.calls, ...otherNotify.mock.calls][0] ?? [];
    expect(alert?.count).toBe(3);
    expect(await db.failureEvent.count({ where: { key: key("k") } })).toBe(20);
  });

  it("a database failure is logged, never thrown", async () => {
    const { logger, key } = setup();
    const broken = createPrismaClient({ connectionString: "postgresql://nobody@127.0.0.1:1/none" });
    const alerter = createFailureAlerter({
      db: broken,
      threshold: 1,
      windowMs: 1000,
      cooldownMs: 0,
      notify: async () => {},
      logger: logger as never,
    });
    await expect(alerter.record(key("k"))).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ key: key("k") }),
      "failure alert: counting the failure failed",
    );
    await broken.$disconnect();
  });

  it("refuses nonsensical options", () => {
    const base = { db, windowMs: 1000, cooldownMs: 0, notify: async () => {}, logger: {} as never };
    expect(() => createFailureAlerter({ ...base, threshold: 0 })).toThrow(RangeError);
    expect(() => createFailureAlerter({ ...base, threshold: 1.5 })).toThrow(RangeError);
    expect(() => createFailureAlerter({ ...base, threshold: 1, windowMs: 0 })).toThrow(RangeError);
    expect(() => createFailureAlerter({ ...base, threshold: 1, cooldownMs: -1 })).toThrow(
      RangeError,
    );
  });
});

describe("postAlertWebhook", () => {
  let server: Server | undefined;

  afterEach(async () => {
    const current = server;
    server = undefined;
    if (current === undefined) return;
    current.closeAllConnections();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  });

  async function listen(
    handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
  ): Promise<string> {
    const created = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => handler(req, Buffer.concat(chunks).toString("utf8"), res));
    });
    server = created;
    await new Promise<void>((resolve) => created.listen(0, "127.0.0.1", resolve));
    const { port } = created.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hooks/alert`;
  }

  const alert: FailureAlert = {
    key: "webhook:stripe",
    count: 5,
    windowMs: 60_000,
    message: "5 failures for webhook:stripe within 1 min",
  };

  it("POSTs the alert as JSON", async () => {
    const received: { method?: string; url?: string; type?: string; body?: string } = {};
    const url = await listen((req, body, res) => {
      Object.assign(received, {
        method: req.method,
        url: req.url,
        type: req.headers["content-type"],
        body,
      });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
    const at = new Date("2025-01-02T03:04:05.000Z");
    await postAlertWebhook(url, alert, { timeoutMs: 5000, at });
    expect(received.method).toBe("POST");
    expect(received.url).toBe("/hooks/alert");
    expect(received.type).toBe("application/json");
    expect(JSON.parse(received.body ?? "")).toEqual({
      text: "5 failures for webhook:stripe within 1 min",
      key: "webhook:stripe",
      count: 5,
      windowMs: 60_000,
      at: "2025-01-02T03:04:05.000Z",
    });
  });

  it("stamps the current time when none is given", async () => {
    let body = "";
    const url = await listen((_req, received, res) => {
      body = received;
      res.writeHead(204).end();
    });
    const before = Date.now();
    await postAlertWebhook(url, alert, { timeoutMs: 5000 });
    const at = Date.parse(JSON.parse(body).at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("throws on a non-2xx answer, with its status and body but not the URL", async () => {
    const url = await listen((_req, _body, res) => {
      res.writeHead(400, { "content-type": "text/plain" }).end("invalid_payload");
    });
    const attempt = postAlertWebhook(url, alert, { timeoutMs: 5000 });
    await expect(attempt).rejects.toThrow("Alert webhook answered 400: invalid_payload");
    await expect(attempt).rejects.not.toThrow(/127\.0\.0\.1/);
  });

  it("throws when the server does not answer in time", async () => {
    const url = await listen(() => {
      // never answers
    });
    const started = Date.now();
    await expect(postAlertWebhook(url, alert, { timeoutMs: 100 })).rejects.toThrow(
      "Alert webhook timed out after 100 ms",
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("uses the fetch it is given", async () => {
    const fakeFetch = vi.fn(async () => new Response("", { status: 503 }));
    await expect(
      postAlertWebhook("https://alerts.invalid/x", alert, {
        fetch: fakeFetch as unknown as typeof fetch,
        timeoutMs: 1000,
      }),
    ).rejects.toThrow("Alert webhook answered 503");
    expect(fakeFetch).toHaveBeenCalledTimes(1);
  });
});

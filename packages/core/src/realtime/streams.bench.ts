import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import { createTestDatabase } from "@mentora/db/testing";
import { afterAll, expect, test } from "vitest";
import type { App } from "../app/index.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { publishRealtime, realtimeStream } from "./index.ts";

// Issue #15: what a realtime message costs from commit to an open stream (LISTEN/NOTIFY wake,
// the viewer's read, the tracked event) beside its floor, the same transaction and a read of the
// row; and, not a timing, how much memory one process spends per open idle stream, beside an
// open HTTP request that does nothing (aim: 5,000 idle streams in under 500 MB).
// The aim's 5,000 in a full run (about 3 minutes a round); 1,000 in `--quick` (per-stream
// figures hold, the process total does not).
const STREAMS = Number(
  process.env.BENCH_REALTIME_STREAMS ?? (process.env.BENCH_QUICK ? 1_000 : 5_000),
);

let app: App | undefined;
let server: ChildProcess | undefined;
afterAll(async () => {
  server?.kill("SIGTERM");
  await app?.close();
});

test("realtime: a message from commit to an open stream vs the same commit and read", async ({
  bench,
}) => {
  app = await createTestApp();
  const services = app;
  const user = await createUser(app, "Live Bench");
  const abort = new AbortController();
  const stream = realtimeStream(services, {
    userId: user.id,
    lastEventId: "0",
    signal: abort.signal,
  });
  let ref = 0;
  const publish = (to: string) =>
    services.prisma.$transaction((tx) =>
      publishRealtime(tx, { userIds: [to], topic: "notification", ref: String(++ref) }),
    );
  await bench.compare(
    bench("published, woken by NOTIFY, read and yielded to the stream", async () => {
      await publish(user.id);
      const next = await stream.next();
      if (next.done) throw new Error("the stream ended");
    }),
    bench("floor: the same publishing transaction, then a read of the row", async () => {
      await publish(user.id);
      await services.prisma.realtimeMessage.findFirst({
        where: { userId: user.id },
        orderBy: { seq: "desc" },
      });
    }),
    { time: 0, iterations: 50, warmupIterations: 5, warmupTime: 0 },
  );
  abort.abort();
  await stream.return(undefined);
});

type Memory = { rss: number; heapUsed: number; external: number; streams: number; held: number };

test("realtime: memory per open idle stream in one process", { timeout: 900_000 }, async ({
  annotate,
}) => {
  const database = await createTestDatabase();
  server = spawn(
    process.execPath,
    ["--expose-gc", path.join(import.meta.dirname, "testing/stream-server.ts")],
    {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: server?.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    server?.once("exit", (code) => reject(new Error(`stream server exited: ${code}`)));
  });
  const { port, cookie } = JSON.parse(first) as { port: number; cookie: string };
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const memory = async (): Promise<Memory> =>
    new Promise((resolve, reject) => {
      http
        .get({ port, host: "127.0.0.1", path: "/memory", agent }, (res) => {
          let body = "";
          res.on("data", (chunk) => {
            body += chunk;
          });
          res.on("end", () => resolve(JSON.parse(body) as Memory));
        })
        .on("error", reject);
    });
  /** Opens `count` requests on `path`, 50 at a time, each held once its first bytes arrived. */
  const open = async (count: number, requestPath: string, headers: Record<string, string>) => {
    const requests: http.ClientRequest[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        await new Promise<void>((resolve, reject) => {
          const request = http.get(
            { port, host: "127.0.0.1", path: requestPath, agent, headers },
            (res) => {
              if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
              res.once("data", () => resolve());
            },
          );
          request.on("error", reject);
          requests.push(request);
        });
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    return () => {
      for (const request of requests) request.destroy();
    };
  };
  const perConnection = (after: Memory, before: Memory) => ({
    rss: (after.rss - before.rss) / STREAMS,
    heap: (after.heapUsed + after.external - before.heapUsed - before.external) / STREAMS,
    totalRss: after.rss,
  });

  const idle = await memory();
  const closeHolds = await open(STREAMS, "/hold", {});
  const holding = await memory();
  expect(holding.held).toBe(STREAMS);
  closeHolds();
  await expect.poll(async () => (await memory()).held, { timeout: 30_000 }).toBe(0);
  const rested = await memory();
  const closeStreams = await open(STREAMS, "/api/trpc/realtime.stream", {
    cookie,
    accept: "text/event-stream",
  });
  // Each stream registers once it has read its (empty) backlog.
  await expect.poll(async () => (await memory()).streams, { timeout: 60_000 }).toBe(STREAMS);
  const streaming = await memory();
  closeStreams();
  await expect.poll(async () => (await memory()).streams, { timeout: 60_000 }).toBe(0);

  const floor = perConnection(holding, idle);
  const target = perConnection(streaming, rested);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const report = [
    `realtime: ${STREAMS} idle connections to one process (after a full GC)`,
    `  floor: held HTTP request   rss ${kib(floor.rss)}/conn, heap+external ${kib(floor.heap)}/conn, process rss ${mib(floor.totalRss)}`,
    `  realtime.stream over SSE   rss ${kib(target.rss)}/conn, heap+external ${kib(target.heap)}/conn, process rss ${mib(target.totalRss)}`,
    `  ratio (rss per connection) ${(target.rss / floor.rss).toFixed(1)}×; ${STREAMS} streams add ${mib(target.rss * STREAMS)}`,
  ].join("\n");
  await annotate(report);
  process.stderr.write(`${report}\n`);
});

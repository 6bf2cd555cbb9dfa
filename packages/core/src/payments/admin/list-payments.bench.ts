import { readFileSync } from "node:fs";
import { afterAll, expect, test } from "vitest";
import type { App } from "../../app/index.ts";
import { createSeededTestApp } from "../../testing/index.ts";
import { seedPayments } from "../testing/payments-seed.ts";
import { listPaymentsForAdmin, paymentsCsv } from "./list-payments.ts";

// The admin payments list on BENCH_SCALE × 10,000 payments of BENCH_SCALE × 1,000 users.
// Floor of the pages: one 26-row range read of the newest payments in SQL; floor of the CSV:
// the same rows read in one SQL statement (what streaming them must at least cost).
const scale = Number(process.env.BENCH_SCALE ?? 1);
let app: App | undefined;
let seeded: { run: string } | undefined;
afterAll(async () => {
  await app?.close();
});

/** Seeded once per `pnpm bench` run and cloned in later rounds (decision 080). */
async function ready(): Promise<{ app: App; run: string }> {
  if (!app || !seeded) {
    const shape = { users: scale * 1_000, payments: scale * 10_000 };
    ({ app, seeded } = await createSeededTestApp(
      `admin payments: ${shape.payments} payments of ${shape.users} users`,
      (app) => seedPayments(app, shape),
    ));
  }
  return { app, run: seeded.run };
}

test("admin payments pages vs a 26-row range read", async ({ bench }) => {
  const { app, run } = await ready();
  const prisma = app.prisma;
  // Forty pages deep, for the keyset page.
  let deep: string | undefined;
  for (let page = 0; page < 40; page += 1) {
    deep =
      (await listPaymentsForAdmin(prisma, {}, { limit: 25, cursor: deep })).nextCursor ?? undefined;
  }
  await bench.compare(
    bench("first page", async () => {
      await listPaymentsForAdmin(prisma, {}, { limit: 25 });
    }),
    bench("page 41", async () => {
      await listPaymentsForAdmin(prisma, {}, { limit: 25, cursor: deep });
    }),
    bench("first page, user filter (part of one email)", async () => {
      await listPaymentsForAdmin(prisma, { user: `payer-${run}-777@` }, { limit: 25 });
    }),
    bench("floor: 26 newest payments in SQL", async () => {
      await prisma.$queryRaw`SELECT id FROM payment ORDER BY "createdAt" DESC, id DESC LIMIT 26`;
    }),
  );
}, 900_000);

test("admin payments CSV vs reading the rows in SQL", async ({ bench }) => {
  const { app } = await ready();
  await bench.compare(
    bench("CSV export, every payment", async () => {
      for await (const _chunk of paymentsCsv(app, {})) {
        // Drained as the HTTP response would be.
      }
    }),
    bench("floor: the same rows and users in one SQL read", async () => {
      await app.pool.query({
        text: `SELECT p.*, u.email, u.name FROM payment p JOIN "user" u ON u.id = p."userId"`,
        rowMode: "array",
      });
    }),
    // Each sample is a whole export (100k rows at BENCH_SCALE=10): a few give a steady median.
    { iterations: process.env.BENCH_QUICK ? 8 : 16, warmupIterations: 2 },
  );
}, 900_000);

/** CPU time (user + system) of one Postgres backend so far, in ms: the database is local. */
function backendCpuMs(pid: number): number {
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// Rows per second and the process's peak RSS growth over one full export (sampled at every
// chunk), reported beside the bench table: linear means the rate holds from scale 1 to 10,
// constant memory means the growth does not. Also the CPU time the export costs, this process
// plus the Postgres backend it reads through, against the floor's (one SQL read of the same
// rows on the same connection): a measure the machine's load does not move (decision 067).
test("admin payments CSV: rows per second and peak memory", async ({ annotate }) => {
  const { app } = await ready();
  const total = await app.prisma.payment.count();
  const client = await app.pool.connect();
  try {
    const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]
      ?.pid;
    if (pid === undefined) throw new Error("no backend pid");
    const oneConnection = { prisma: app.prisma, pool: client as unknown as App["pool"] };
    global.gc?.();
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    let lines = -1;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const backend = backendCpuMs(pid);
    for await (const chunk of paymentsCsv(oneConnection, {})) {
      for (let at = chunk.indexOf("\r\n"); at !== -1; at = chunk.indexOf("\r\n", at + 2)) {
        lines += 1;
      }
      peak = Math.max(peak, process.memoryUsage.rss());
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const exportCpu = (used.user + used.system) / 1000 + (backendCpuMs(pid) - backend);
    expect(lines).toBe(total);
    const floorCpuStart = process.cpuUsage();
    const floorBackend = backendCpuMs(pid);
    await client.query({
      text: `SELECT p.*, u.email, u.name FROM payment p JOIN "user" u ON u.id = p."userId"`,
      rowMode: "array",
    });
    const floorUsed = process.cpuUsage(floorCpuStart);
    const floorCpu =
      (floorUsed.user + floorUsed.system) / 1000 + (backendCpuMs(pid) - floorBackend);
    const report = `admin payments CSV: ${total} rows in ${seconds.toFixed(2)} s = ${Math.round(
      total / seconds,
    )} rows/s; peak RSS growth ${((peak - rssBefore) / 2 ** 20).toFixed(1)} MiB; CPU (Node + Postgres backend) ${exportCpu.toFixed(0)} ms = ${Math.round(
      total / (exportCpu / 1000),
    )} rows per CPU-second (floor: one SQL read ${floorCpu.toFixed(0)} ms)`;
    await annotate(report);
    process.stderr.write(`${report}\n`);
  } finally {
    client.release();
  }
}, 900_000);

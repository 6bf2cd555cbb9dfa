import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createPrismaClient, type Db } from "@mentora/db";
import { afterAll, expect, inject, test } from "vitest";
import { addPaidOffering, createMentor, createVerifiedUser, PASSWORD } from "../e2e/db.ts";
import { freePort, type Managed, spawnNode, waitForHealthy } from "../e2e/processes.ts";
import "../e2e/context.ts";
import { leanLoad, load } from "./http-load.ts";
import {
  metricsToken,
  type ProductionWeb,
  productionEnv,
  signIn,
  startProductionWeb,
  webServerArgs,
} from "./production-server.ts";

// The web server itself, as production runs it (NODE_ENV=production, the built entry point with
// the tracing preload, `pnpm --filter @mentora/web build` first): the HTTP path to a procedure
// against tRPC's bare adapter, a signed-in page against the same page anonymous, the cold start
// against bare node, and the resident memory across rounds of load (decision 059).
const webDir = path.resolve(import.meta.dirname, "..");
const quick = Boolean(process.env.BENCH_QUICK);
const run = { time: 0, iterations: quick ? 4 : 6, warmupIterations: 1, warmupTime: 0 };
/** CPU time (user + system, ms) a process has used so far, from /proc (clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A group's time is its own business (a loaded machine starts a server in seconds). */
const long = { timeout: 1_800_000 };
/** Rounds of the memory check. */
const ROUNDS = Number(process.env.BENCH_WEB_MEMORY_ROUNDS ?? 8);

let web: ProductionWeb | undefined;
let bare: { managed: Managed; port: number } | undefined;
let db: Db | undefined;
afterAll(async () => {
  await Promise.all([web?.stop(), bare?.managed.stop()]);
  await db?.$disconnect();
});

async function server(): Promise<ProductionWeb> {
  if (web) return web;
  web = await startProductionWeb(inject("webDbRun"));
  db = createPrismaClient({ connectionString: web.databaseUrl });
  return web;
}

test(
  "web: tRPC health.check through the web server vs the bare fetch adapter",
  long,
  async ({ bench }) => {
    const target = await server();
    const port = await freePort();
    const bareUrl = `http://localhost:${port}`;
    const managed = spawnNode("bare-trpc", ["bench/bare-trpc-server.ts"], {
      cwd: webDir,
      env: await productionEnv(target.databaseUrl, port),
    });
    bare = { managed, port };
    await waitForHealthy(`${bareUrl}/api/trpc/health.check`, [managed]);
    const answer = await fetch(`${target.baseUrl}/api/trpc/health.check`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ result: { data: { json: { status: "ok" } } } });
    // Sent with node:http keep-alive sockets, not fetch: fetch's own work per answer (~0.16–0.23
    // ms of CPU, more for the lane's 18 headers than the bare adapter's 6) shared the two cores
    // with the servers, so the ratio measured the client too (decision 072).
    await bench.compare(
      bench("/api/trpc/health.check through the web server", () =>
        leanLoad(`${target.baseUrl}/api/trpc/health.check`),
      ),
      bench("/healthz through the web server", () => leanLoad(`${target.baseUrl}/healthz`)),
      bench("floor: health.check on tRPC's fetch adapter on node:http", () =>
        leanLoad(`${bareUrl}/api/trpc/health.check`),
      ),
      run,
    );
  },
);

// Not a timing: server CPU per request (user + system time from /proc, over 2,000 requests)
// holds on a machine whose wall clock is shared with other work; printed and attached.
test(
  "web: server CPU per health.check request, web server vs the bare adapter",
  long,
  async ({ annotate }) => {
    const target = await server();
    if (!bare) throw new Error("run with the health group: it starts the bare adapter");
    const bareUrl = `http://localhost:${bare.port}`;
    const perRequest = async (pid: number, url: string) => {
      await leanLoad(url, { count: 200 });
      const before = await cpuMs(pid);
      await leanLoad(url, { count: 2_000 });
      return ((await cpuMs(pid)) - before) / 2_000;
    };
    const webPid = target.web.child.pid ?? 0;
    const sides = [
      { name: "tRPC", pid: webPid, url: `${target.baseUrl}/api/trpc/health.check` },
      { name: "/healthz", pid: webPid, url: `${target.baseUrl}/healthz` },
      {
        name: "bare adapter",
        pid: bare.managed.child.pid ?? 0,
        url: `${bareUrl}/api/trpc/health.check`,
      },
    ];
    const rounds = 6;
    const lines: string[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Each round starts with another side, so a change in the machine's load falls on all.
      const order = [...sides.slice(round % 3), ...sides.slice(0, round % 3)];
      const ms = new Map<string, number>();
      for (const side of order) ms.set(side.name, await perRequest(side.pid, side.url));
      const [trpc, healthz, floor] = sides.map((side) => ms.get(side.name) ?? 0);
      ratios.push((trpc ?? 0) / (floor ?? 1));
      lines.push(
        `tRPC ${trpc?.toFixed(3)} ms (${((trpc ?? 0) / (floor ?? 1)).toFixed(2)}×), /healthz ${healthz?.toFixed(3)} ms (${((healthz ?? 0) / (floor ?? 1)).toFixed(2)}×), bare adapter ${floor?.toFixed(3)} ms`,
      );
    }
    const median = ratios.toSorted((a, b) => a - b)[Math.floor(rounds / 2)] ?? 0;
    const report = `server CPU per request (rounds in rotating order; tRPC ÷ bare, median ${median.toFixed(2)}×):\n  ${lines.join("\n  ")}`;
    await annotate(report);
    process.stderr.write(`${report}\n`);
    expect(lines).toHaveLength(rounds);
  },
);

test(
  "web: a signed-in page (root loader: session, bell, realtime seq) vs the same page anonymous",
  long,
  async ({ bench }) => {
    const target = await server();
    const email = `bench-signed-in-${Date.now()}@example.com`;
    await createVerifiedUser(
      { name: "Bench Mentee", email },
      { baseUrl: target.baseUrl, db: db as Db },
    );
    const cookie = await signIn(target.baseUrl, email, PASSWORD);
    const page = `${target.baseUrl}/mentors`;
    const signedIn = await (await fetch(page, { headers: { cookie } })).text();
    expect(signedIn).toContain("Bench Mentee");
    await bench.compare(
      bench("/mentors signed in", () => load(page, { headers: { cookie } })),
      bench("floor: /mentors anonymous", () => load(page)),
      run,
    );
  },
);

/**
 * Starts `node <args>` in apps/web on a port of its own and resolves once `/healthz`-like `path`
 * answers 200 (polled every 5 ms). A child that exits first fails the start with its exit code
 * or signal and the last lines it wrote (a bare "exited before healthy" once hid why, decision
 * 066).
 */
async function startToHealthy(
  args: string[],
  envFor: (port: number) => Promise<NodeJS.ProcessEnv>,
  urlPath: string,
  cpu?: number[],
) {
  // A fresh port per start: a port chosen once and left unheld between starts (and during each
  // start's seconds of loading before it listens) is free for any other process to take.
  const port = await freePort();
  const url = `http://localhost:${port}${urlPath}`;
  const child = spawn(process.execPath, args, {
    cwd: webDir,
    env: await envFor(port),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        const how = child.signalCode ?? `code ${child.exitCode}`;
        throw new Error(
          `${args.join(" ")} exited (${how}) before healthy on port ${port}:\n${output}`,
        );
      }
      const ok = await fetch(url).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) {
        // The CPU the start took (user + system), steadier than wall time on a shared machine.
        cpu?.push(await cpuMs(child.pid ?? 0));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
}

/** The floor of a cold start: bare node starting a node:http server that answers 200. */
const bareServer = `require("node:http").createServer((q, s) => s.end("ok")).listen(process.env.PORT)`;

test(
  "web: cold start to the first healthy /healthz vs bare node starting node:http",
  long,
  async ({ bench, annotate }) => {
    const target = await server();
    const env = await productionEnv(target.databaseUrl, await freePort());
    const envFor = async (port: number) => ({
      ...env,
      PORT: String(port),
      TRUSTED_ORIGINS: `http://localhost:${port}`,
    });
    const cpu = { web: [] as number[], bare: [] as number[] };
    await bench.compare(
      bench("web server: start to the first 200 from /healthz", () =>
        startToHealthy(webServerArgs, envFor, "/healthz", cpu.web),
      ),
      bench("floor: node starting a node:http server", () =>
        startToHealthy(["-e", bareServer], envFor, "/", cpu.bare),
      ),
      { time: 0, iterations: quick ? 3 : 6, warmupIterations: 1, warmupTime: 0 },
    );
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const report = `cold start CPU (user + system) to healthy, median: web ${median(cpu.web)} ms, bare node ${median(cpu.bare)} ms (runs: web ${cpu.web.join(", ")}; bare ${cpu.bare.join(", ")})`;
    await annotate(report);
    process.stderr.write(`${report}\n`);
    expect(cpu.web.length).toBeGreaterThan(0);
  },
);

/** The process's resident set, V8 heap used and external memory, in MiB (/proc and /metrics). */
async function memoryMiB(target: ProductionWeb): Promise<string> {
  const status = await readFile(`/proc/${target.web.child.pid}/status`, "utf8");
  const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
  const metrics = await (
    await fetch(`${target.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    })
  ).text();
  const gauge = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(metrics)?.[1]) / 2 ** 20;
  const mib = (value: number) => value.toFixed(0);
  return `rss ${mib(rss)} heap ${mib(gauge("nodejs_heap_size_used_bytes"))} external ${mib(gauge("nodejs_external_memory_bytes"))}`;
}

// Not a timing: the web server's resident memory after each round of the same mixed load
// (pages with distinct query strings, a signed-in page, tRPC, health). Growth round after round
// is a leak; the report is printed and attached to the run (decision 059).
test("web: memory across repeated rounds of load", long, async ({ annotate }) => {
  const target = await server();
  const t = { baseUrl: target.baseUrl, db: db as Db };
  const mentor = await createMentor(
    { name: "Memory Mentor", email: `bench-memory-${Date.now()}@example.com` },
    t,
  );
  await addPaidOffering(mentor.id, t);
  const offering = await (db as Db).offering.findFirstOrThrow({ where: { mentorId: mentor.id } });
  const email = `bench-memory-mentee-${Date.now()}@example.com`;
  await createVerifiedUser({ name: "Memory Mentee", email }, t);
  const cookie = await signIn(target.baseUrl, email, PASSWORD);
  const few = { count: 8, concurrency: 4 };
  const rounds: string[] = [await memoryMiB(target)];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let i = 0; i < 10; i += 1) {
      const q = `${round}-${i}`;
      await Promise.all([
        load(
          `${target.baseUrl}/mentors/${mentor.id}/${offering.id}?date=2027-01-0${(i % 7) + 1}&r=${q}`,
          few,
        ),
        load(`${target.baseUrl}/mentors?q=bench-${q}`, few),
        load(`${target.baseUrl}/bookings?r=${q}`, { ...few, headers: { cookie } }),
        load(`${target.baseUrl}/api/trpc/health.check?r=${q}`, few),
        load(`${target.baseUrl}/healthz?r=${q}`, few),
      ]);
    }
    rounds.push(await memoryMiB(target));
  }
  const report = `web memory (MiB), idle then after each round:\n  ${rounds.join("\n  ")}`;
  await annotate(report);
  process.stderr.write(`${report}\n`);
  expect(rounds).toHaveLength(ROUNDS + 1);
});

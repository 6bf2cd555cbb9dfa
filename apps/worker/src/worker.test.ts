import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { until } from "@mentora/core/testing";
import { createTestDatabase } from "@mentora/db/testing";
import type pg from "pg";
import { PgBoss } from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";

const workerMain = fileURLToPath(new URL("./main.ts", import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [workerMain], {
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
    return exited;
  });
  return { child, exited, output: () => output };
}

async function sendEmailJob(url: string, to: string): Promise<string> {
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
  await boss.start();
  try {
    await boss.createQueue("email.send.dead");
    await boss.createQueue("email.send", { deadLetter: "email.send.dead" });
    const id = await boss.send("email.send", {
      to,
      subject: "Bonjour",
      text: "Salut",
      html: "<p>Salut</p>",
    });
    return id!;
  } finally {
    await boss.stop({ graceful: false });
  }
}

async function jobState(pool: pg.Pool, id: string): Promise<string | undefined> {
  const { rows } = await pool.query("SELECT state FROM pgboss.job WHERE id = $1", [id]);
  return rows[0]?.state;
}

describe("worker", () => {
  it("handles a sent job exactly once", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.pool.end());
    const worker = startWorker({ DATABASE_URL: db.url });
    const id = await sendEmailJob(db.url, "once@worker.test");
    await until(
      async () => ((await jobState(db.pool, id)) === "completed" ? true : undefined),
      "the job to complete",
    );
    // Give a second delivery every chance to happen before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM outbox_email WHERE "to" = 'once@worker.test'`,
    );
    expect(rows[0].n).toBe(1);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  });

  it("on SIGTERM stops taking jobs, finishes the running one and exits 0", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.pool.end());
    // An SMTP server that takes 2 s to accept a message keeps a job running during shutdown.
    let receivedAt = 0;
    let dataStarted = false;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        dataStarted = true;
        stream.resume();
        stream.on("end", () =>
          setTimeout(() => {
            receivedAt = Date.now();
            callback();
          }, 2000),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const { port } = smtp.server.address() as AddressInfo;

    const worker = startWorker({ DATABASE_URL: db.url, SMTP_URL: `smtp://127.0.0.1:${port}` });
    const id = await sendEmailJob(db.url, "drain@worker.test");
    await until(async () => (dataStarted ? true : undefined), "the email to be in flight");

    const signalledAt = Date.now();
    worker.child.kill("SIGTERM");
    const second = await sendEmailJob(db.url, "late@worker.test");
    const code = await worker.exited;

    expect(code).toBe(0);
    expect(receivedAt).toBeGreaterThan(signalledAt);
    expect(await jobState(db.pool, id)).toBe("completed");
    // Sent after SIGTERM: left for the next worker, not picked up by the draining one.
    expect(await jobState(db.pool, second)).toBe("created");
    expect(worker.output()).toContain("worker stopped");
  });
});

describe("worker metrics", () => {
  it("serves its own Prometheus counters on WORKER_METRICS_PORT, behind METRICS_TOKEN", async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.pool.end());
    const { createServer } = await import("node:net");
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const worker = startWorker({
      DATABASE_URL: db.url,
      WORKER_METRICS_PORT: String(port),
      METRICS_TOKEN: "scrape-me",
    });
    const url = `http://127.0.0.1:${port}/metrics`;
    const anonymous = await until(
      () =>
        fetch(url).then(
          (response) => response,
          () => undefined,
        ),
      "the metrics server",
    );
    expect(anonymous.status).toBe(401);
    const scraped = await fetch(url, { headers: { authorization: "Bearer scrape-me" } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toMatch(/^text\/plain; version=0.0.4/);
    const text = await scraped.text();
    expect(text).toContain("# TYPE mentora_webhooks_failed_total counter");
    expect(text).toContain("# TYPE mentora_gateway_call_duration_seconds histogram");
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  });
});

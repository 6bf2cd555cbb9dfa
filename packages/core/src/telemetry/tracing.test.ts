import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@mentora/db/testing";
import { afterEach, describe, expect, it, vi } from "vitest";

const preload = createRequire(import.meta.url).resolve("@mentora/telemetry/tracing-preload");
const fixture = fileURLToPath(new URL("./testing/traced-server.ts", import.meta.url));

/** A span as OTLP/HTTP JSON carries it, with its attributes flattened. */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  service: string;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

const SPAN_KIND_SERVER = 2;

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local OTLP/HTTP receiver: what a collector would get, decoded from the JSON protocol. */
async function startReceiver() {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      contentTypes.add(`${req.method} ${req.url} ${req.headers["content-type"]}`);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = flatten(resourceSpans.resource?.attributes)["service.name"] as string;
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({ ...span, attributes: flatten(span.attributes), service });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    contentTypes,
  };
}

function flatten(attributes: OtlpAttribute[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]]),
  );
}

/** Starts the fixture process with the preload, and resolves once it listens. */
async function startTracedProcess(env: Record<string, string>) {
  const database = await createTestDatabase();
  const child: ChildProcess = spawn(process.execPath, ["--import", preload, fixture], {
    env: { ...process.env, ...env, DATABASE_URL: database.url, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
    await database.drop?.();
  });
  const port = await vi.waitFor(
    () => {
      const match = /listening (\d+)/.exec(output);
      if (!match) throw new Error(`not listening yet:\n${output}`);
      return Number(match[1]);
    },
    { timeout: 60_000, interval: 100 },
  );
  return { base: `http://127.0.0.1:${port}`, output: () => output, child };
}

/** The JSON log lines the process wrote. */
function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("tracing", () => {
  it("exports one trace per request with its HTTP, tRPC and SQL spans, and jobs join the request's trace", async () => {
    const receiver = await startReceiver();
    const traced = await startTracedProcess({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: "mentora-trace-test",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });

    const answer = await fetch(`${traced.base}/api/trpc/health.check`);
    expect(answer.status).toBe(200);

    const request = await vi.waitFor(
      () => {
        const trpc = receiver.spans.find((span) => span.name === "trpc health.check");
        if (!trpc) throw new Error("no tRPC span yet");
        const inTrace = receiver.spans.filter((span) => span.traceId === trpc.traceId);
        const http = inTrace.find((span) => span.kind === SPAN_KIND_SERVER);
        const sql = inTrace.find(
          (span) =>
            span.attributes["db.system.name"] === "postgresql" ||
            span.attributes["db.system"] === "postgresql",
        );
        if (!http || !sql) throw new Error("the trace is not complete yet");
        return { trpc, http, sql, inTrace };
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(request.http.service).toBe("mentora-trace-test");
    expect(
      String(request.http.attributes["url.path"] ?? request.http.attributes["http.target"]),
    ).toContain("/api/trpc/health.check");
    // The tRPC span is inside the HTTP request, and the SQL inside the procedure.
    const byId = new Map(request.inTrace.map((span) => [span.spanId, span]));
    const ancestorsOf = (span: ReceivedSpan) => {
      const names: string[] = [];
      for (let at = span.parentSpanId; at && byId.has(at); at = byId.get(at)?.parentSpanId) {
        names.push(byId.get(at)!.name);
      }
      return names;
    };
    expect(ancestorsOf(request.trpc)).toContain(request.http.name);
    expect(ancestorsOf(request.sql)).toContain("trpc health.check");
    expect(receiver.contentTypes).toContain("POST /v1/traces application/json");

    // A job enqueued by a request runs in that request's trace.
    expect((await fetch(`${traced.base}/enqueue`)).status).toBe(202);
    const job = await vi.waitFor(
      () => {
        const span = receiver.spans.find((s) => s.name === "job tracing.probe");
        if (!span) throw new Error("no job span yet");
        return span;
      },
      { timeout: 20_000, interval: 100 },
    );
    const enqueueRequest = receiver.spans.find(
      (span) =>
        span.kind === SPAN_KIND_SERVER &&
        String(span.attributes["url.path"] ?? span.attributes["http.target"]).includes("/enqueue"),
    );
    expect(enqueueRequest?.traceId).toBe(job.traceId);
    expect(job.traceId).not.toBe(request.trpc.traceId);
    await vi.waitFor(
      () => {
        const jobSql = receiver.spans.find(
          (span) => span.parentSpanId === job.spanId && String(span.name).length > 0,
        );
        if (!jobSql) throw new Error("no SQL span under the job yet");
      },
      { timeout: 20_000, interval: 100 },
    );

    // Every log line written inside a span carries its trace id.
    const lines = logLines(traced.output());
    expect(lines.find((line) => line.msg === "enqueueing the probe job")?.traceId).toBe(
      job.traceId,
    );
    expect(lines.find((line) => line.msg === "probe job ran")?.traceId).toBe(job.traceId);
  });

  it("is off without an endpoint: nothing is exported and logs carry no trace id", async () => {
    const receiver = await startReceiver();
    const traced = await startTracedProcess({ OTEL_BSP_SCHEDULE_DELAY: "100" });
    expect((await fetch(`${traced.base}/api/trpc/health.check`)).status).toBe(200);
    expect((await fetch(`${traced.base}/enqueue`)).status).toBe(202);
    await vi.waitFor(
      () => {
        if (!logLines(traced.output()).some((line) => line.msg === "probe job ran")) {
          throw new Error("the job has not run yet");
        }
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(receiver.spans).toEqual([]);
    for (const line of logLines(traced.output())) expect(line).not.toHaveProperty("traceId");
  });
});

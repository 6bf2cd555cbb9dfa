import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import "./context.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

/**
 * The BUILT web server and the worker, started with the tracing preload and an OTLP endpoint
 * (a receiver in this test, decoding the OTLP/HTTP JSON a collector would get). No browser.
 */
const preload = createRequire(import.meta.url).resolve("@mentora/telemetry/tracing-preload");
const SPAN_KIND_SERVER = 2;

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

const spans: Span[] = [];
let receiver: Server;
let servers: ServerPair;

function flatten(attributes: Array<{ key: string; value: object }> = []) {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      for (const resource of body.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({ ...span, attributes: flatten(span.attributes) });
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  servers = await startServerPair(inject("webDbRun"), {
    label: "tracing",
    env: {
      NODE_OPTIONS: `--import ${preload}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: "100",
    },
  });
});
afterAll(async () => {
  await servers?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

const pathOf = (span: Span) =>
  String(span.attributes["url.path"] ?? span.attributes["http.target"]);
const isSql = (span: Span) =>
  span.attributes["db.system.name"] === "postgresql" ||
  span.attributes["db.system"] === "postgresql";

describe("traces of the built app", () => {
  it("a tRPC call over HTTP is one trace: the HTTP request, the procedure, its SQL", async () => {
    expect((await fetch(`${servers.baseUrl}/api/trpc/health.check`)).status).toBe(200);
    const trace = await vi.waitFor(
      () => {
        const trpc = spans.find((span) => span.name === "trpc health.check");
        const http = spans.find(
          (span) =>
            span.kind === SPAN_KIND_SERVER && pathOf(span).includes("/api/trpc/health.check"),
        );
        const sql = spans.find((span) => isSql(span) && span.traceId === trpc?.traceId);
        if (!trpc || !http || !sql) throw new Error("trace not complete yet");
        return { trpc, http, sql };
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(trace.trpc.traceId).toBe(trace.http.traceId);
    expect(trace.sql.traceId).toBe(trace.http.traceId);
  });

  it("the email job a sign-up enqueues runs in the worker within the sign-up's trace", async () => {
    const response = await fetch(`${servers.baseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: servers.baseUrl },
      body: JSON.stringify({
        name: "Traced",
        email: "traced@tracing.test",
        password: "a-long-enough-password",
      }),
    });
    expect(response.status).toBe(200);
    const { signUp, job } = await vi.waitFor(
      () => {
        const signUp = spans.find(
          (span) => span.kind === SPAN_KIND_SERVER && pathOf(span).includes("/sign-up/email"),
        );
        const job = spans.find((span) => span.name === "job email.send");
        if (!signUp || !job) throw new Error("no sign-up or job span yet");
        return { signUp, job };
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(job.traceId).toBe(signUp.traceId);
  });
});

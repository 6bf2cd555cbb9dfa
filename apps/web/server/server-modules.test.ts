import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bodyLimitFor,
  declaredLengthExceeds,
  defaultBodyLimit,
  limitedBody,
  PayloadTooLargeError,
} from "./body-limit.ts";
import { createRequestLog } from "./request-log.ts";
import { createNonce, permissionsPolicyFor, securityHeaders } from "./security-headers.ts";

const KB = 1024;

describe("body limits", () => {
  it("picks each route's limit, the most specific first", () => {
    expect(bodyLimitFor("/api/webhooks/twilio")).toBe(64 * KB);
    expect(bodyLimitFor("/api/webhooks/stripe")).toBe(1024 * KB);
    expect(bodyLimitFor("/mentor/profile")).toBe(6 * 1024 * KB);
    expect(bodyLimitFor("/mentor/apply")).toBe(6 * 1024 * KB);
    expect(bodyLimitFor("/api/trpc/bookings.hold")).toBe(1024 * KB);
    expect(bodyLimitFor("/sign-in")).toBe(defaultBodyLimit);
    // Look-alikes get the default, not a larger limit.
    expect(bodyLimitFor("/mentor/profile-x")).toBe(defaultBodyLimit);
    expect(bodyLimitFor("/x/api/trpc/a")).toBe(defaultBodyLimit);
  });

  it("refuses a declared length above the limit, or one that is not a number", () => {
    const req = (length?: string) =>
      ({ headers: length === undefined ? {} : { "content-length": length } }) as IncomingMessage;
    expect(declaredLengthExceeds(req(), 10)).toBe(false);
    expect(declaredLengthExceeds(req("10"), 10)).toBe(false);
    expect(declaredLengthExceeds(req("11"), 10)).toBe(true);
    expect(declaredLengthExceeds(req("1e9"), 10)).toBe(true);
    expect(declaredLengthExceeds(req("abc"), 10)).toBe(true);
  });

  it("passes a body up to the limit and fails past it, telling the caller once", async () => {
    const source = (sizes: number[]) =>
      Readable.from(sizes.map((size) => Buffer.alloc(size))) as unknown as IncomingMessage;
    const read = async (stream: Readable) => {
      let total = 0;
      for await (const chunk of stream) total += (chunk as Buffer).length;
      return total;
    };
    const exceeded: PayloadTooLargeError[] = [];
    expect(await read(limitedBody(source([4, 6]), 10, (e) => exceeded.push(e)))).toBe(10);
    expect(exceeded).toEqual([]);
    await expect(
      read(limitedBody(source([4, 6, 1, 100]), 10, (e) => exceeded.push(e))),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(exceeded).toHaveLength(1);
    expect(exceeded[0]?.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("security headers", () => {
  const servers: { close(): void }[] = [];
  const start = async (production: boolean) => {
    const app = express();
    app.use(securityHeaders({ production }));
    app.get("*", (_req, res) => {
      res.type("html").send(`<script nonce="${res.locals.cspNonce}"></script>`);
    });
    const server = app.listen(0);
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  let production: string;
  let test: string;
  beforeAll(async () => {
    production = await start(true);
    test = await start(false);
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it("sends HSTS and upgrade-insecure-requests in production only", async () => {
    const prod = await fetch(`${production}/`);
    expect(prod.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    expect(prod.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const other = await fetch(`${test}/`);
    expect(other.headers.get("strict-transport-security")).toBeNull();
    expect(other.headers.get("content-security-policy")).not.toContain("upgrade-insecure");
  });

  it("puts the response's own nonce in the policy", async () => {
    const response = await fetch(`${test}/`);
    const nonce = (await response.text()).match(/nonce="([^"]+)"/)?.[1];
    expect(response.headers.get("content-security-policy")).toContain(
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`,
    );
  });

  it("allows camera and microphone on /sessions/:id/call only", () => {
    const policy = (url: string) => permissionsPolicyFor({ url } as IncomingMessage);
    expect(policy("/sessions/abc/call")).toContain("camera=(self), microphone=(self)");
    expect(policy("/sessions/abc/call?x=1")).toContain("camera=(self)");
    expect(policy("/sessions/abc/call/extra")).toContain("camera=()");
    expect(policy("/sessions/abc")).toContain("microphone=()");
  });

  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the data lane's request log", () => {
  type Line = { level: string; fields: Record<string, unknown>; message: string };
  function recordingLogger(enabled: string[]) {
    const lines: Line[] = [];
    const write = (level: string) => (fields: object, message: string) => {
      lines.push({ level, fields: fields as Record<string, unknown>, message });
    };
    const logger = {
      isLevelEnabled: (level: string) => enabled.includes(level),
      info: write("info"),
      error: write("error"),
    };
    return { lines, logger: logger as unknown as Parameters<typeof createRequestLog>[0] };
  }

  async function serve(log: ReturnType<typeof createRequestLog>, path: string, status: number) {
    const server = http.createServer((req, res) => {
      log(req, res);
      res.statusCode = status;
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as AddressInfo;
    await (await fetch(`http://localhost:${port}${path}`)).text();
    await new Promise((resolve) => server.close(resolve));
  }

  it("writes pino-http's line once per answer: method, path without its query, status, time", async () => {
    const { lines, logger } = recordingLogger(["info", "error"]);
    await serve(createRequestLog(logger), "/api/trpc/health.check?input=secret", 200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      message: "request completed",
      fields: { req: { method: "GET", path: "/api/trpc/health.check" }, res: { status: 200 } },
    });
    expect(typeof lines[0]?.fields.responseTime).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("secret");
  });

  it("logs a 5xx at error level with an error, and writes nothing its level filters out", async () => {
    const { lines, logger } = recordingLogger(["error"]);
    const log = createRequestLog(logger);
    await serve(log, "/api/trpc/a", 200);
    await serve(log, "/api/trpc/b", 404);
    expect(lines).toEqual([]);
    await serve(log, "/api/trpc/c", 503);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      message: "request errored",
      fields: { req: { path: "/api/trpc/c" }, res: { status: 503 } },
    });
    expect(String(lines[0]?.fields.err)).toContain("503");
  });
});

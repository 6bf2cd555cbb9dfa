import { readFileSync } from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import "./context.ts";
import { type ServerPair, startServerPair } from "./servers.ts";

/** The web process's resident memory, in bytes (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"));
  const kilobytes = Number(line?.match(/(\d+)/)?.[1]);
  if (!kilobytes) throw new Error(`no VmRSS for ${pid}`);
  return kilobytes * 1024;
}

interface Flood {
  /** The first line of the answer ("HTTP/1.1 413 Payload Too Large"), if one came. */
  statusLine: string | undefined;
  /** The answer's text as received (headers and body). */
  received: string;
  /** Body bytes written before the server answered or hung up. */
  sent: number;
}

const TOTAL = 200 * 1024 * 1024;

/** Whether `text` holds one whole HTTP answer (by its Content-Length, or a chunked end). */
function answerComplete(text: string): boolean {
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return false;
  const head = text.slice(0, split).toLowerCase();
  const body = text.slice(split + 4);
  const length = head.match(/\r\ncontent-length: *(\d+)/)?.[1];
  if (length !== undefined) return Buffer.byteLength(body, "latin1") >= Number(length);
  if (/\r\ntransfer-encoding: *chunked/.test(head)) return body.includes("0\r\n\r\n");
  return false;
}

/**
 * POSTs `total` bytes of zeros over a raw socket (fetch gives up with EPIPE when the server
 * answers before the upload ends), writing as fast as the server reads, and stops as soon as the
 * server has answered or hung up: the test never holds more than one 64 KB chunk. `framing` is
 * what the headers say: chunked, or a Content-Length, true or not.
 */
function flood(
  baseUrl: string,
  path: string,
  options: { framing: "chunked" | number; total?: number; contentType?: string },
): Promise<Flood> {
  const url = new URL(baseUrl);
  const total = options.total ?? TOTAL;
  const chunked = options.framing === "chunked";
  return new Promise((resolve) => {
    let received = "";
    let sent = 0;
    let finished = false;
    const socket = net.connect(Number(url.port), url.hostname);
    const finish = () => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ statusLine: received.split("\r\n")[0] || undefined, received, sent });
    };
    socket.on("data", (data: Buffer) => {
      received += data.toString("latin1");
      if (answerComplete(received)) finish();
    });
    socket.on("error", () => setTimeout(finish, 50));
    socket.on("close", () => setTimeout(finish, 50));
    const pump = () => {
      while (!finished && !socket.destroyed && sent < total) {
        const size = Math.min(64 * 1024, total - sent);
        const chunk = Buffer.alloc(size);
        const frame = chunked
          ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])
          : chunk;
        sent += size;
        if (!socket.write(frame)) {
          socket.once("drain", pump);
          return;
        }
      }
      if (chunked && sent >= total && !socket.destroyed) socket.write("0\r\n\r\n");
    };
    socket.once("connect", () => {
      socket.write(
        [
          `POST ${path} HTTP/1.1`,
          `Host: ${url.host}`,
          `Origin: ${url.origin}`,
          `Content-Type: ${options.contentType ?? "application/x-www-form-urlencoded"}`,
          chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${options.framing}`,
          "",
          "",
        ].join("\r\n"),
      );
      pump();
    });
  });
}

describe("request bodies are limited at the edge (200 MB of zeros)", () => {
  let servers: ServerPair;
  beforeAll(async () => {
    servers = await startServerPair(inject("webDbRun"), { label: "edge" });
  });
  afterAll(async () => {
    await servers?.stop();
  });

  /** Every kind of flood, each checked. */
  async function floodAll(baseUrl: string): Promise<void> {
    // 1. Honest Content-Length of 200 MB: refused before a byte of the body is read.
    const declared = await flood(baseUrl, "/sign-in", { framing: TOTAL });
    expect(declared.statusLine).toMatch(/^HTTP\/1\.1 413 /);
    expect(declared.received).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(declared.sent).toBeLessThan(TOTAL);

    // 2. Chunked, no Content-Length: counted while streaming, refused past the route's limit.
    for (const path of ["/sign-in", "/api/webhooks/sandbox", "/api/webhooks/twilio"]) {
      const streamed = await flood(baseUrl, path, { framing: "chunked" });
      expect(streamed.statusLine, path).toMatch(/^HTTP\/1\.1 413 /);
      expect(streamed.received).toContain('"code":"PAYLOAD_TOO_LARGE"');
      expect(streamed.sent).toBeLessThan(TOTAL);
    }
    // The payment webhooks' lane writes its 413s itself (declared and counted): with its strict
    // data headers, like its other answers (decision 076).
    for (const framing of [TOTAL, "chunked"] as const) {
      const lane = await flood(baseUrl, "/api/webhooks/sandbox", { framing });
      expect(lane.statusLine).toMatch(/^HTTP\/1\.1 413 /);
      expect(lane.received.toLowerCase()).toContain("content-security-policy: default-src 'none'");
      expect(lane.received.toLowerCase()).toContain("x-content-type-options: nosniff");
    }
    // tRPC answers a query sent by POST without reading the body: the server hangs up after
    // the answer instead of reading the 200 MB.
    const unread = await flood(baseUrl, "/api/trpc/health.check", {
      framing: "chunked",
      contentType: "application/json",
    });
    expect(unread.statusLine).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(unread.sent).toBeLessThan(TOTAL);

    // 3. A lying Content-Length (1000 bytes, then 200 MB): the server reads the 1000 bytes it
    // was promised, takes the rest for a malformed next request and hangs up, long before the end
    // (with or without a 400 reaching the client first: Node's parser decides).
    const lying = await flood(baseUrl, "/sign-in", { framing: 1000 });
    expect(lying.statusLine ?? "no answer").not.toMatch(/^HTTP\/1\.1 2/);
    expect(lying.sent).toBeLessThan(TOTAL);
  }

  it("refuses at once, streamed or declared, and the web process does not grow", async () => {
    const { baseUrl, webPid } = servers;
    // A first round warms up what the floods reach (route modules, services, code paths), so
    // growth in the measured round means bodies held in memory.
    await floodAll(baseUrl);
    const before = rssOf(webPid);
    for (let round = 0; round < 3; round += 1) await floodAll(baseUrl);
    const grown = rssOf(webPid) - before;
    // Holding any one of these bodies would add 200 MB. The process's RSS otherwise moves with
    // the garbage collector and the allocator (measured: -9 to +40 MB over 6 floods each on a
    // loaded 2-core machine), so the bound sits halfway to one held body.
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    // Still serving.
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });

  it("applies each route's own limit", async () => {
    const { baseUrl } = servers;
    const post = async (path: string, bytes: number) => {
      const answer = await flood(baseUrl, path, { framing: bytes, total: bytes });
      return Number(answer.statusLine?.split(" ")[1]);
    };
    // Twilio callbacks: 64 KB; payment webhooks: 1 MB; avatar upload: 6 MB; other routes 100 KB.
    // Under each limit the route itself answers (whatever it thinks of zeros), over it 413.
    const cases: [string, number, boolean][] = [
      ["/api/webhooks/twilio", 60 * 1024, false],
      ["/api/webhooks/twilio", 70 * 1024, true],
      ["/api/webhooks/sandbox", 70 * 1024, false],
      ["/api/webhooks/sandbox", 1100 * 1024, true],
      ["/mentor/profile", 5.5 * 1024 * 1024, false],
      ["/mentor/profile", 6.5 * 1024 * 1024, true],
      ["/sign-in", 90 * 1024, false],
      ["/sign-in", 110 * 1024, true],
    ];
    for (const [path, bytes, refused] of cases) {
      const status = await post(path, Math.round(bytes));
      expect(status, `${path} ${bytes} bytes → ${status}`).toBeGreaterThan(0);
      if (refused) expect(status, `${path} ${bytes} bytes`).toBe(413);
      else expect(status, `${path} ${bytes} bytes`).not.toBe(413);
    }
    const refused = await flood(baseUrl, "/sign-in", { framing: 110 * 1024, total: 110 * 1024 });
    const body = refused.received.slice(refused.received.indexOf("\r\n\r\n") + 4);
    expect(JSON.parse(body)).toEqual({
      error: expect.objectContaining({ code: "PAYLOAD_TOO_LARGE", limitBytes: 100 * 1024 }),
    });
  });

  it("drains and exits 0 on SIGTERM, even with a keep-alive connection open", async () => {
    const agentResponse = await fetch(`${servers.baseUrl}/healthz`, {
      headers: { connection: "keep-alive" },
    });
    expect(agentResponse.status).toBe(200);
    // stop(): SIGTERM, then SIGKILL after 10 s (which would leave a null exit code).
    await servers.stop();
    expect(await servers.webExited).toBe(0);
  });
});

describe("security headers and the CSP nonce", () => {
  const baseUrl = () => inject("webBaseUrl");
  const nonceOf = (csp: string | null) => csp?.match(/script-src [^;]*'nonce-([^']+)'/)?.[1];

  it("sends a fresh nonce per page that every <script> carries", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/sign-in"]) {
      const response = await fetch(`${baseUrl()}${path}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy");
      const nonce = nonceOf(csp);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      nonces.push(nonce as string);
      expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic';`);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/form-action 'self' [^;]*https:\/\/checkout\.stripe\.com/);
      expect(csp).toMatch(/connect-src 'self' [^;]*wss:\/\/\*\.twilio\.com/);
      expect(csp).not.toContain("unsafe-eval'");
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("permissions-policy")).toContain("microphone=()");
      // Not production: no HSTS (it would pin localhost to https).
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    const again = nonceOf((await fetch(`${baseUrl()}/`)).headers.get("content-security-policy"));
    expect(new Set([...nonces, again]).size).toBe(3);
  });

  it("allows camera and microphone on the call page only", async () => {
    const call = await fetch(`${baseUrl()}/sessions/some-booking/call`, { redirect: "manual" });
    const policy = call.headers.get("permissions-policy");
    expect(policy).toContain("camera=(self)");
    expect(policy).toContain("microphone=(self)");
    expect(call.headers.get("content-security-policy")).toContain("'wasm-unsafe-eval'");
  });

  it("sends the headers with static assets too, immutable under /assets", async () => {
    const html = await (await fetch(`${baseUrl()}/sign-in`)).text();
    const asset =
      html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] ?? html.match(/href="(\/assets\/[^"]+)"/)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${baseUrl()}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("tRPC batches", () => {
  const baseUrl = () => inject("webBaseUrl");
  const batch = (count: number) => {
    const paths = Array.from({ length: count }, () => "health.check").join(",");
    const input = JSON.stringify(
      Object.fromEntries(Array.from({ length: count }, (_, i) => [i, {}])),
    );
    return `${baseUrl()}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(input)}`;
  };

  it("answers a batch of 10 and refuses 11 with BATCH_TOO_LARGE, GET or POST", async () => {
    const ten = await fetch(batch(10));
    expect(ten.status).toBe(200);
    expect(await ten.json()).toHaveLength(10);

    const eleven = await fetch(batch(11));
    expect(eleven.status).toBe(400);
    expect(await eleven.json()).toEqual({
      error: expect.objectContaining({ code: "BATCH_TOO_LARGE", max: 10 }),
    });

    const post = await fetch(batch(11).replace(/&input=.*/, ""), {
      method: "POST",
      headers: { origin: baseUrl(), "content-type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(400);
    expect(await post.json()).toEqual({
      error: expect.objectContaining({ code: "BATCH_TOO_LARGE" }),
    });
    // The path is counted however it is spelled (an encoded comma is still a comma).
    const encoded = await fetch(batch(11).replace(/,/g, "%2C"));
    expect(encoded.status).toBe(400);
  });
});

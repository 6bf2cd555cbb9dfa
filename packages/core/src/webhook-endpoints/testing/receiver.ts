import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type SignatureCheck, verifyWebhookSignature } from "../signature.ts";

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as a receiver must verify it. */
  body: string;
}

export interface ScriptedResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Answer this much later (timeouts). */
  delayMs?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests: records every request and answers
 * from a per-path script (then 200). `verify` checks a request with the exported helper, as an
 * integrator would.
 */
export async function startReceiver() {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, ScriptedResponse[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
      const next = scripts.get(path)?.shift() ?? { status: 200, body: "ok" };
      const answer = () => {
        if (response.destroyed) return;
        response.writeHead(next.status, next.headers);
        response.end(next.body ?? "");
      };
      if (next.delayMs) setTimeout(answer, next.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    at: (path: string) => received.filter((request) => request.path === path),
    script: (path: string, ...responses: ScriptedResponse[]) => scripts.set(path, responses),
    verify: (request: ReceivedWebhook, secret: string): SignatureCheck =>
      verifyWebhookSignature({
        header: request.headers["mentora-signature"] as string | undefined,
        body: request.body,
        secret,
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

import http from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";
import { guardedLookup, isAllowedAddress, parseEndpointUrl, type UrlPolicy } from "./url-guard.ts";

/** What one POST to an endpoint gave: a status (any, redirects included) or an error. */
export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  /** The start of the response body (the log keeps this much). */
  responseBody: string | null;
  error: string | null;
}

/** Bytes of the response body kept in the delivery log; the rest is read and dropped. */
export const responseBodyLimit = 2048;

/**
 * POSTs one signed body. node:http rather than fetch: a `lookup` hook checks the address of the
 * very connection (SSRF guard), and redirects are never followed (a 3xx is a failed attempt, so
 * a public URL cannot bounce us to a private one). The whole exchange is bounded by `timeoutMs`.
 */
export function sendWebhook(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  policy: UrlPolicy;
}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = parseEndpointUrl(input.url, input.policy);
    } catch {
      resolve({ statusCode: null, durationMs: 0, responseBody: null, error: "URL refused" });
      return;
    }
    // An IP literal skips `lookup`: check it here.
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    if (ipaddr.isValid(host) && !isAllowedAddress(host, input.policy)) {
      resolve({
        statusCode: null,
        durationMs: 0,
        responseBody: null,
        error: `address ${host} refused`,
      });
      return;
    }
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "POST",
      headers: {
        ...input.headers,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(input.body),
        "user-agent": "Mentora-Webhooks/1",
      },
      lookup: guardedLookup(input.policy) as never,
      signal: AbortSignal.timeout(input.timeoutMs),
      agent: false,
    });
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const answer = (error: string | null): SendResult => ({
        statusCode: response.statusCode ?? null,
        durationMs: elapsed(),
        responseBody: Buffer.concat(chunks).subarray(0, responseBodyLimit).toString("utf8"),
        error,
      });
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        // Enough for the log: the rest is not read (a receiver may stream forever).
        if (kept >= responseBodyLimit) {
          finish(answer(null));
          response.destroy();
        }
      });
      response.on("end", () => finish(answer(null)));
      response.on("error", (error) => finish(answer(describeError(error))));
      // Destroyed without "end" or "error" (the timeout's abort, a reset): not a clean answer.
      response.on("close", () => finish(answer(response.complete ? null : "connection closed")));
    });
    request.on("error", (error) =>
      finish({
        statusCode: null,
        durationMs: elapsed(),
        responseBody: null,
        error: describeError(error),
      }),
    );
    request.end(input.body);
  });
}

function describeError(error: Error): string {
  if (error.name === "AbortError" || error.name === "TimeoutError") return "timed out";
  const code = (error as NodeJS.ErrnoException).code;
  return (code ? `${code}: ${error.message}` : error.message).slice(0, 500);
}

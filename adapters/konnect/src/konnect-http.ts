import { errorFromFailure, errorFromStatus, invalidResponse } from "./konnect-errors.ts";

export interface KonnectHttp {
  /** Sends one request and returns the parsed JSON body; throws GatewayError on any failure. */
  send(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown>;
}

export interface KonnectHttpOptions {
  apiKey: string;
  /** Ends with "/", e.g. https://api.konnect.network/api/v2/. */
  baseUrl: string;
  timeoutMs: number;
}

export function createKonnectHttp({ apiKey, baseUrl, timeoutMs }: KonnectHttpOptions): KonnectHttp {
  return {
    async send(method, path, body) {
      const headers: Record<string, string> = { "x-api-key": apiKey, accept: "application/json" };
      if (body !== undefined) headers["content-type"] = "application/json";
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        // The timeout covers reading the body too: a half-read answer is as lost as none.
        const response = await fetch(new URL(path, baseUrl), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        retryAfter = response.headers.get("retry-after");
        text = await response.text();
      } catch (error) {
        throw errorFromFailure(error);
      }
      if (status < 200 || status > 299)
        throw errorFromStatus(status, errorDetail(text), retryAfter);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw invalidResponse(`a non-JSON ${status} answer to ${method} ${path}`);
      }
    },
  };
}

/** A short, log-safe summary of Konnect's error body (its messages, never our request). */
function errorDetail(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown; errors?: unknown };
    if (typeof parsed.message === "string") return parsed.message.slice(0, 200);
    if (Array.isArray(parsed.errors)) {
      return parsed.errors
        .map((e) => (typeof e === "string" ? e : (e as { message?: unknown })?.message))
        .filter((m): m is string => typeof m === "string")
        .join("; ")
        .slice(0, 200);
    }
  } catch {
    // Not JSON: say nothing rather than echo an HTML error page.
  }
  return "";
}

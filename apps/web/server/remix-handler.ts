import type { IncomingHttpHeaders } from "node:http";
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import {
  bodyLimitFor,
  closeAfterAnswer,
  declaredLengthExceeds,
  limitedBody,
  type PayloadTooLargeError,
  refusePayload,
} from "./body-limit.ts";

export interface RemixHandlerOptions {
  build: ServerBuild;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  onBodyRefused?: (req: ExpressRequest, error: PayloadTooLargeError | { limit: number }) => void;
}

function fetchHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) {
    res.flushHeaders();
    if (response.body) await writeEventStream(response.body, res);
    else res.end();
    return;
  }
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * A stream (SSE) with back-pressure: the next event is read only once the socket took the
 * previous one, so a client that does not read holds at most the socket's buffer, never a
 * growing queue (Remix's writer ignores `write()`'s answer). A closed connection cancels it.
 */
async function writeEventStream(body: ReadableStream<Uint8Array>, res: ExpressResponse) {
  const reader = body.getReader();
  const closed = new Promise<void>((resolve) => res.once("close", resolve));
  void closed.then(() => reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) {
        await Promise.race([new Promise((resolve) => res.once("drain", resolve)), closed]);
      }
      // compression's flush(): an event must not wait in a gzip window (when it compresses).
      (res as unknown as { flush?: () => void }).flush?.();
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/**
 * What @remix-run/express's handler does (same request and response conversion), except that the request body Remix reads is the size-limited
 * stream (its createRemixRequest hands Remix the raw socket stream, with no way to swap it).
 */
export function createRemixHandler(options: RemixHandlerOptions) {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const limit = bodyLimitFor(req.path);
    if (declaredLengthExceeds(req, limit)) {
      options.onBodyRefused?.(req, { limit });
      refusePayload(req, res, limit);
      return;
    }
    let controller: AbortController | null = new AbortController();
    const signal = controller.signal;
    // Abort loaders/actions once nobody can receive the answer (`close` without `finish`).
    res.on("finish", () => {
      controller = null;
    });
    res.on("close", () => controller?.abort());
    try {
      const init: RequestInit & { duplex?: "half" } = {
        method: req.method,
        headers: fetchHeaders(req.headers),
        signal,
      };
      if (req.method !== "GET" && req.method !== "HEAD") {
        const body = limitedBody(req, limit, (error) => {
          // Aborted first: Remix then treats the failed body read as a cancelled request and
          // logs no "unhandled error"; the 413 goes out at once.
          controller?.abort(error);
          options.onBodyRefused?.(req, error);
          refusePayload(req, res, limit);
        });
        init.body = createReadableStreamFromReadable(body);
        init.duplex = "half";
      }
      const host = req.get("host") ?? "localhost";
      const request = new Request(`${req.protocol}://${host}${req.originalUrl}`, init);
      const response = await handle(request, options.getLoadContext(req, res));
      if (res.headersSent) return; // refused (413) while the route was reading
      // The route answered without reading the whole body: hang up after the answer rather
      // than read (and discard) whatever the client still sends.
      if (!req.complete) closeAfterAnswer(req, res);
      await sendResponse(res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  };
}

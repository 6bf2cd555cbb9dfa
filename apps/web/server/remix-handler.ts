import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
} from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import {
  bodyLimitFor,
  closeAfterAnswer,
  declaredLengthExceeds,
  limitedBody,
  type PayloadTooLargeError,
  refusePayload,
} from "./body-limit.ts";

/** The handlers work on node:http's request and response (Express's extend them). */
type NodeRequest = IncomingMessage;
type NodeResponse = ServerResponse;
type Next = (error?: unknown) => void;

interface AdapterOptions<Req extends NodeRequest, Res extends NodeResponse> {
  getLoadContext: (req: Req, res: Res) => AppLoadContext;
  onBodyRefused?: (req: Req, error: PayloadTooLargeError | { limit: number }) => void;
  /**
   * Set when the answers are whole documents (JSON; event streams excepted, still streamed):
   * each body is read whole and handed over with its length set, for the server to send it,
   * compressed only if it is worth it (a streamed body has no length: compression gzipped
   * every tiny tRPC answer, most of the lane's cost, decision 065).
   */
  sendWhole?: (req: Req, res: Res, body: Buffer) => void;
}

export interface RemixHandlerOptions extends AdapterOptions<ExpressRequest, ExpressResponse> {
  build: ServerBuild;
  mode: string;
}

/** The path of a request line ("/api/trpc/x" of "/api/trpc/x?batch=1"). */
export function pathnameOf(req: NodeRequest): string {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function fetchHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}

async function sendResponse<Req extends NodeRequest, Res extends NodeResponse>(
  req: Req,
  res: Res,
  response: Response,
  sendWhole?: AdapterOptions<Req, Res>["sendWhole"],
): Promise<void> {
  res.statusMessage = response.statusText;
  res.statusCode = response.status;
  // Each set-cookie comes separately from entries(): appended, never joined.
  for (const [name, value] of response.headers.entries()) res.appendHeader(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) {
    res.flushHeaders();
    if (response.body) await writeEventStream(response.body, res);
    else res.end();
    return;
  }
  if (response.body && sendWhole) {
    const body = Buffer.from(await response.arrayBuffer());
    res.setHeader("content-length", body.byteLength);
    sendWhole(req, res, body);
  } else if (response.body) await writeInBatches(response.body, res);
  else res.end();
}

const waiting = Symbol("waiting");
const nextMacrotask = () =>
  new Promise<typeof waiting>((resolve) => setImmediate(resolve, waiting));

/**
 * A document's body, written in batches: the chunks the stream hands over in one go (React
 * writes a page's shell as ~2 KB chunks, all at once) are written together, and compression is
 * flushed once per batch. Remix's writer flushed after every chunk: a sync flush of the gzip
 * stream and a socket write per 2 KB, a large share of a page's CPU (decision 065). A batch ends
 * when the stream has nothing more within the same turn of the event loop (deferred data still
 * to come): what is there goes out then, so streaming is kept.
 */
async function writeInBatches(body: ReadableStream<Uint8Array>, res: NodeResponse) {
  const reader = body.getReader();
  const flushable = res as unknown as { flush?: () => void };
  try {
    let pending = reader.read();
    for (;;) {
      const first = await pending;
      if (first.done) break;
      const batch = [first.value];
      const turn = nextMacrotask();
      let done = false;
      for (;;) {
        pending = reader.read();
        const next = await Promise.race([pending, turn]);
        if (next === waiting) break;
        if (next.done) {
          done = true;
          break;
        }
        batch.push(next.value);
      }
      res.write(batch.length === 1 ? batch[0] : Buffer.concat(batch));
      if (done) break;
      flushable.flush?.();
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
    throw error;
  }
}

/**
 * A stream (SSE) with back-pressure: the next event is read only once the socket took the
 * previous one, so a client that does not read holds at most the socket's buffer, never a
 * growing queue (Remix's writer ignores `write()`'s answer). A closed connection cancels it.
 */
async function writeEventStream(body: ReadableStream<Uint8Array>, res: NodeResponse) {
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
 * What @remix-run/express's handler does (same request and response conversion), except that the
 * request body the handler reads is the size-limited stream (its createRemixRequest hands Remix
 * the raw socket stream, with no way to swap it). `handle` answers the fetch Request.
 */
function adaptFetchHandler<Req extends NodeRequest, Res extends NodeResponse>(
  handle: (request: Request, context: AppLoadContext) => Promise<Response>,
  options: AdapterOptions<Req, Res>,
) {
  return async (req: Req, res: Res, next: Next) => {
    const limit = bodyLimitFor(pathnameOf(req));
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
        method: req.method ?? "GET",
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
      // As Express's req.protocol and req.get("host") with no proxy trusted.
      const protocol = (req.socket as TLSSocket).encrypted ? "https" : "http";
      const host = req.headers.host ?? "localhost";
      const request = new Request(`${protocol}://${host}${req.url ?? "/"}`, init);
      const response = await handle(request, options.getLoadContext(req, res));
      if (res.headersSent) return; // refused (413) while the route was reading
      // The route answered without reading the whole body: hang up after the answer rather
      // than read (and discard) whatever the client still sends.
      if (!req.complete) closeAfterAnswer(req, res);
      await sendResponse(req, res, response, options.sendWhole);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  };
}

/** Every request Remix serves (pages, their data, resource routes), as an Express handler. */
export function createRemixHandler(options: RemixHandlerOptions) {
  return adaptFetchHandler(createRequestHandler(options.build, options.mode), options);
}

export interface ResourceRouteOptions extends AdapterOptions<NodeRequest, NodeResponse> {
  build: ServerBuild;
  /** The id of a resource route in the build (no default export), e.g. "routes/healthz". */
  routeId: string;
  /** The route's params from the request's path (the server chose the route by that path). */
  paramsOf?: (pathname: string) => Record<string, string>;
}

const unexpected = () =>
  new Response("Unexpected Server Error", {
    status: 500,
    headers: { "Content-Type": "text/plain" },
  });

/**
 * One resource route's loader (GET, HEAD) or action (any other method) called directly, for a
 * path the server knows belongs to it: what Remix's handler does for a resource route (thrown
 * Responses are answers, anything else is handed to entry.server's handleError and answered
 * 500 with no details), without matching the whole route table on each request (decision 059).
 */
export function createResourceRouteHandler(options: ResourceRouteOptions) {
  const route = options.build.routes[options.routeId];
  if (!route || route.module.default) {
    throw new Error(`${options.routeId} is not a resource route of this build`);
  }
  const { loader, action } = route.module;
  const handleError = options.build.entry.module.handleError;
  return adaptFetchHandler(async (request, context) => {
    const run = request.method === "GET" || request.method === "HEAD" ? loader : action;
    if (!run) return new Response(null, { status: 405 });
    const params = options.paramsOf?.(new URL(request.url).pathname) ?? {};
    const args = { request, params, context };
    try {
      const result: unknown = await run(args);
      if (result instanceof Response) return result;
      throw new Error(`${options.routeId} returned something other than a Response`);
    } catch (error) {
      if (error instanceof Response) return error;
      handleError?.(error, args);
      return unexpected();
    }
  }, options);
}

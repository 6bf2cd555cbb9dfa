import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";

const KB = 1024;
const MB = 1024 * KB;

/**
 * The largest request body each route accepts, first match wins. Providers send small
 * webhooks; an avatar is at most 5 MB plus the multipart envelope; everything else is a form
 * or a JSON call.
 */
export const bodyLimits: readonly { pattern: RegExp; bytes: number; name: string }[] = [
  { name: "twilio callbacks", pattern: /^\/api\/webhooks\/twilio\/?$/, bytes: 64 * KB },
  { name: "payment webhooks", pattern: /^\/api\/webhooks\//, bytes: 1 * MB },
  { name: "avatar upload", pattern: /^\/mentor\/(profile|apply)\/?$/, bytes: 6 * MB },
  { name: "message image", pattern: /^\/messages\/[^/]+\/?$/, bytes: 6 * MB },
  { name: "tRPC", pattern: /^\/api\/trpc\//, bytes: 1 * MB },
];

export const defaultBodyLimit = 100 * KB;

export function bodyLimitFor(pathname: string): number {
  return bodyLimits.find((rule) => rule.pattern.test(pathname))?.bytes ?? defaultBodyLimit;
}

/** The stable error a refused body gets (JSON, whatever route it was meant for). */
export const payloadTooLargeCode = "PAYLOAD_TOO_LARGE";

/** How long a refused upload may keep arriving (and be discarded) after the 413 went out. */
export const lingerMs = 1_000;

/**
 * Answers 413 and closes the connection without reading the rest of the body. Closing a socket
 * with unread bytes makes the kernel send a reset, which can destroy the 413 before the client
 * reads it; so after the answer the write side is shut (FIN), reading stops, and the socket is
 * destroyed only `lingerMs` later (a "lingering close"): by then the client has the answer.
 * Does nothing if an answer has already started.
 */
export function refusePayload(req: IncomingMessage, res: ServerResponse, limit: number): void {
  if (res.headersSent) return;
  closeAfterAnswer(req, res);
  const body = JSON.stringify({
    error: {
      code: payloadTooLargeCode,
      message: `The request body is larger than this address accepts (${limit} bytes).`,
      limitBytes: limit,
    },
  });
  res.writeHead(413, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    Connection: "close",
  });
  res.end(body);
}

/**
 * The answer goes out with `Connection: close` while the body may still be arriving: stop
 * reading it and close lingeringly, so the client reads the answer.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  const socket = res.socket;
  if (socket) {
    // Node calls destroySoon() once a `Connection: close` answer is flushed.
    socket.destroySoon = () => {
      socket.end();
      socket.pause();
      setTimeout(() => socket.destroy(), lingerMs).unref();
    };
  }
  res.setHeader("Connection", "close");
  // Whatever was still flowing to a reader stops; a paused request holds at most its buffer.
  req.unpipe();
  req.pause();
}

/** A declared Content-Length above the limit (or unparseable): refuse before reading a byte. */
export function declaredLengthExceeds(req: IncomingMessage, limit: number): boolean {
  const header = req.headers["content-length"];
  if (header === undefined) return false;
  const length = Number(header);
  return !Number.isSafeInteger(length) || length > limit;
}

export class PayloadTooLargeError extends Error {
  override name = "PayloadTooLargeError";
  readonly code = payloadTooLargeCode;
  readonly limit: number;
  constructor(limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * The request body as a stream that counts bytes as they arrive (chunked bodies have no
 * Content-Length to trust). Past `limit` it stops reading the socket, calls `onExceeded`
 * (which answers 413) and fails with PayloadTooLargeError, so nothing downstream ever holds
 * more than `limit` bytes.
 */
export function limitedBody(
  source: IncomingMessage,
  limit: number,
  onExceeded: (error: PayloadTooLargeError) => void,
): Transform {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        source.unpipe(counter);
        const error = new PayloadTooLargeError(limit);
        onExceeded(error);
        callback(error);
        return;
      }
      callback(null, chunk);
    },
  });
  // pipe() does not forward a client abort: without this the reader would wait forever.
  source.once("error", (error) => counter.destroy(error));
  source.once("aborted", () => counter.destroy(new Error("request aborted")));
  return source.pipe(counter);
}

/**
 * The whole request body as one Buffer, counted as it arrives (for a lane that needs the bytes,
 * not a stream: the webhooks, decision 064). Past `limit` it stops reading, calls `onExceeded`
 * (which answers 413) and rejects with PayloadTooLargeError; a client abort rejects too.
 */
export function readLimitedBody(
  source: IncomingMessage,
  limit: number,
  onExceeded: (error: PayloadTooLargeError) => void,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) {
        source.off("data", onData);
        const error = new PayloadTooLargeError(limit);
        onExceeded(error);
        reject(error);
        return;
      }
      chunks.push(chunk);
    };
    source.on("data", onData);
    source.once("end", () =>
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, seen)),
    );
    source.once("error", reject);
    source.once("aborted", () => reject(new Error("request aborted")));
  });
}

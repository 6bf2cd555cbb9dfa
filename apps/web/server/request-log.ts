import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "@mentora/core/logger";
import { pathnameOf } from "./remix-handler.ts";

/**
 * The data lane's request log: the line pino-http writes (`req` as method and path, `res` as
 * status, `responseTime` in ms; "request completed", or "request errored" at error level for a
 * 5xx), built only when the response is done and only if its level is enabled. pino-http made a
 * child logger per request (its bindings serialized through the redaction paths) before knowing
 * whether anything would be written: on the tRPC lane that was the largest cost of its own
 * (decision 072). Pages keep pino-http.
 */
export function createRequestLog(logger: Pick<Logger, "isLevelEnabled" | "info" | "error">) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      // A 4xx is the client's answer (sign-in, 404, 429), not the server's trouble.
      const failed = res.statusCode >= 500;
      const level = failed ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        // Path and status only: query strings and headers can carry tokens and cookies.
        req: { method: req.method, path: pathnameOf(req) },
        res: { status: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (failed) {
        logger.error(
          { ...line, err: new Error(`failed with status code ${res.statusCode}`) },
          "request errored",
        );
      } else logger.info(line, "request completed");
    };
    res.on("finish", done);
    res.on("close", done);
  };
}

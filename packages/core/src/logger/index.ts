import { pino } from "pino";
import { activeTraceIds } from "../telemetry/index.ts";

export type Logger = pino.Logger;

/** Structured JSON logs. Secrets that may travel in objects we log are redacted by path. */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    level: options.level,
    name: options.name,
    base: { service: options.name },
    // The trace id of the active span, when tracing: a log line leads to its trace.
    mixin: () => activeTraceIds() ?? {},
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "headers.cookie",
        "headers.authorization",
        "*.headers.cookie",
        "*.headers.authorization",
      ],
      censor: "[redacted]",
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

import type { AiLogger } from "../options.ts";

/** A logger that keeps "message {json}" lines, for tests to assert on. */
export function recordingLogger() {
  const lines: { level: "info" | "warn" | "error"; object: object; message?: string }[] = [];
  const at =
    (level: "info" | "warn" | "error") =>
    (object: object, message?: string): void => {
      lines.push({ level, object, message });
    };
  const logger: AiLogger = { info: at("info"), warn: at("warn"), error: at("error") };
  return {
    logger,
    lines,
    warnings: () =>
      lines
        .filter((l) => l.level === "warn")
        .map((l) => `${l.message ?? ""} ${JSON.stringify(l.object)}`),
  };
}

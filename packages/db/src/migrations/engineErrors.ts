import type { ErrorRegistry } from "@prisma/driver-adapter-utils";
import { describeError } from "../errors.ts";
import { takePanicMessage } from "./wasmEngine.ts";

/**
 * The engine's message without its Rust span trace ("0: sql_schema_connector::… at …rs:113"),
 * on one line, naming the migration whose script failed and ending with the Prisma error code.
 */
export function engineErrorMessage(error: unknown, registry?: ErrorRegistry): string {
  const panic = takePanicMessage();
  if (panic) return `the Prisma schema engine crashed: ${panic}`;

  // An error thrown by our JS adapter code reaches the engine as a registry id only.
  const raw = (error instanceof Error ? error.message : String(error)).replace(
    /External error id#(\d+)/g,
    (text, id: string) => {
      const record = registry?.consumeError(Number(id));
      return record ? describeError(record.error) : text;
    },
  );
  const lines = raw.split("\n");
  const traceStart = lines.findIndex((line) => /^\s*\d+: /.test(line));
  const message = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .map((line) => line.trim())
    .filter((line) => line && line !== "external connector error")
    .join(" ");

  const failedScript = raw.includes("apply_script")
    ? /migration_name="([^"]+)"/.exec(raw)?.[1]
    : undefined;
  const prefix =
    failedScript && !message.includes(failedScript) ? `migration ${failedScript} failed: ` : "";
  const code =
    error instanceof Error && "code" in error && typeof error.code === "string"
      ? ` (${error.code})`
      : "";
  return `${prefix}${message}${code}`;
}

/**
 * An error whose message is complete and meant for a human: CLIs print it as one line,
 * without a stack trace.
 */
export class DbToolError extends Error {
  override name = "DbToolError";
}

/** One line describing any thrown value (pg errors, wasm engine errors, strings). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? ` (${error.code})` : "";
    return `${error.message}${code}`.replace(/\s*\n\s*/g, " ");
  }
  if (typeof error === "string") return error.replace(/\s*\n\s*/g, " ");
  return String(error);
}

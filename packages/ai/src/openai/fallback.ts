import type { AiLogger } from "../options.ts";

/**
 * Runs the remote call; when it fails (after the SDK's own retries) and fallback is on, logs
 * why and runs the local one. A caller's own abort is not a failure to hide: it is rethrown.
 */
export async function withFallback<T>(
  operation: string,
  remote: () => Promise<T>,
  local: () => Promise<T>,
  context: { logger: AiLogger; fallback: boolean; signal?: AbortSignal },
): Promise<T> {
  try {
    return await remote();
  } catch (error) {
    if (context.signal?.aborted || !context.fallback) throw error;
    const err = error as Error & { status?: number; code?: string };
    context.logger.warn(
      {
        operation,
        err: { name: err.name, message: err.message, status: err.status, code: err.code },
      },
      "openai provider failed; the local provider answered",
    );
    return local();
  }
}

/** One HTTP request may carry at most this many tRPC calls (the browser client splits above it). */
export const maxTrpcBatch = 10;

/** The stable error code a larger batch gets (400). */
export const batchTooLargeCode = "BATCH_TOO_LARGE";

/**
 * How many procedure calls a tRPC request carries: `/api/trpc/a,b,c?batch=1` is three. The
 * path is counted whatever `batch` says, so no spelling of the URL slips past the cap.
 */
export function trpcCallCount(url: URL, endpoint: string): number {
  const path = decodeURIComponent(url.pathname.slice(endpoint.length + 1));
  return path.split(",").length;
}

/** 400 with a stable code when a request carries more calls than allowed; else null. */
export function refuseLargeBatch(
  request: Request,
  endpoint: string,
  url = new URL(request.url),
): Response | null {
  const count = trpcCallCount(url, endpoint);
  if (count <= maxTrpcBatch) return null;
  return Response.json(
    {
      error: {
        code: batchTooLargeCode,
        message: `A request may carry at most ${maxTrpcBatch} calls (this one has ${count}).`,
        max: maxTrpcBatch,
      },
    },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}

import type { AppRouter } from "@mentora/core";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
  TRPCClientError,
} from "@trpc/client";
import superjson from "superjson";

let client: TRPCClient<AppRouter> | undefined;

/**
 * The browser's tRPC client, created on first use (never during server rendering). Interactive
 * pieces only: loaders use the in-process caller.
 */
export function trpc(): TRPCClient<AppRouter> {
  client ??= createTRPCClient<AppRouter>({
    links: [
      splitLink({
        // Subscriptions (the realtime stream) over Server-Sent Events, with the session cookie.
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/api/trpc", transformer: superjson }),
        false: httpBatchLink({
          url: "/api/trpc",
          // The server refuses larger batches (BATCH_TOO_LARGE): split them here.
          maxItems: 10,
          transformer: superjson,
          headers: () => ({ "x-timezone": Intl.DateTimeFormat().resolvedOptions().timeZone }),
        }),
      }),
    ],
  });
  return client;
}

export interface ClientError {
  message: string;
  requestId?: string;
}

/** The server already localized the message (errorFormatter); keep its request id too. */
export function clientError(error: unknown, fallback: string): ClientError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { requestId?: unknown } | undefined;
    // Without `data` the failure never reached our server (offline…): its text is not ours.
    return {
      message: data && error.message ? error.message : fallback,
      requestId: typeof data?.requestId === "string" ? data.requestId : undefined,
    };
  }
  return { message: fallback };
}

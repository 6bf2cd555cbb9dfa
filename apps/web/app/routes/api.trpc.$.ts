import { appRouter } from "@mentora/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { isSameOrigin } from "~/lib/http.server";
import { getServices } from "~/lib/services.server";
import { createRequestContext, socketAddressOf } from "~/lib/trpc.server";
import { maxTrpcBatch, refuseLargeBatch } from "~/lib/trpc-batch.server";

/** tRPC over HTTP, for the browser's interactive pieces. Loaders call in-process instead. */
async function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Before anything runs: one request must not fan out into any number of database calls.
  const tooLarge = refuseLargeBatch(request, "/api/trpc");
  if (tooLarge) return tooLarge;
  const services = await getServices();
  if (request.method !== "GET" && !isSameOrigin(request, services.config.app.trustedOrigins)) {
    return Response.json({ error: "cross-site request refused" }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // The same cap inside tRPC, should a request reach it another way.
    maxBatchSize: maxTrpcBatch,
    createContext: ({ req, resHeaders }) =>
      createRequestContext(services, req, resHeaders, socketAddressOf(context)),
  });
}

export const loader = handle;
export const action = handle;

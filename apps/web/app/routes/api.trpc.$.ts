import { appRouter } from "@mentora/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { isSameOrigin } from "~/lib/http.server";
import { getServices } from "~/lib/services.server";
import { createRequestContext, socketAddressOf } from "~/lib/trpc.server";

/** tRPC over HTTP, for the browser's interactive pieces. Loaders call in-process instead. */
async function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const services = await getServices();
  if (request.method !== "GET" && !isSameOrigin(request, services.config.trustedOrigins)) {
    return Response.json({ error: "cross-site request refused" }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ req, resHeaders }) =>
      createRequestContext(services, req, resHeaders, socketAddressOf(context)),
  });
}

export const loader = handle;
export const action = handle;

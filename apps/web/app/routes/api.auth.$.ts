import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";
import { authHeadersFor, socketAddressOf } from "~/lib/trpc.server";

/** better-auth's own endpoints (email verification links, OAuth callbacks, session JSON). */
async function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const services = await getServices();
  // The client IP header is ours alone: set from the socket address, never the client's.
  const headers = authHeadersFor(services, request, socketAddressOf(context));
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers };
  if (request.body) {
    init.body = request.body;
    init.duplex = "half";
  }
  return services.auth.handler(new Request(request.url, { ...init, signal: request.signal }));
}

export const loader = handle;
export const action = handle;

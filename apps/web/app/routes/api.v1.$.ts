import { publicApiResponse } from "@mentora/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";
import { socketAddressOf } from "~/lib/trpc.server";

/**
 * The public REST API for integrators (decision 052): API keys only, never the browser's
 * session cookie, so there is no cross-site request to guard against and no CORS.
 */
async function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const services = await getServices();
  return publicApiResponse({ services, request, clientAddress: socketAddressOf(context) });
}

export const loader = handle;
export const action = handle;

import { receiveWebhook } from "@mentora/core/payments";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

/**
 * A payment provider's webhook: verified on its raw bytes, stored once, then 2xx (core's
 * receiveWebhook). Most providers POST; Konnect calls with GET, hence the loader too.
 */
async function webhook({ request, params }: LoaderFunctionArgs | ActionFunctionArgs) {
  const services = await getServices();
  const { status, body } = await receiveWebhook(services, request, params.provider ?? "");
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export const loader = webhook;
export const action = webhook;

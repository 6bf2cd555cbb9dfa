import { receiveVideoCallback } from "@mentora/core/video";
import type { ActionFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";

/**
 * Twilio Video's status callbacks (and the local stand-in's): the signature is checked over our
 * public URL and the sorted parameters (a forgery gets 403), the event stored once, then 2xx.
 * A static segment, so it wins over the payment providers' /api/webhooks/:provider.
 */
export async function action({ request }: ActionFunctionArgs) {
  const services = await getServices();
  const { status, body } = await receiveVideoCallback(services, request);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ error: "method not allowed" }, { status: 405 });
}

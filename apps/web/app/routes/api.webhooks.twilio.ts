import { receiveVideoCallback } from "@mentora/core/video";
import type { ActionFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";
import { clientIpOf } from "~/lib/trpc.server";

/**
 * Twilio Video's status callbacks (and the local stand-in's): limited per source IP, then the
 * signature is checked over our public URL and the sorted parameters (a forgery gets 403), the
 * event stored once, then 2xx. A static segment, so it wins over the payment providers'
 * /api/webhooks/:provider.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const services = await getServices();
  const ip = clientIpOf(services, request, context);
  const { status, body, retryAfterSeconds } = await receiveVideoCallback(services, request, ip);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfterSeconds) headers["Retry-After"] = String(retryAfterSeconds);
  return Response.json(body, { status, headers });
}

export function loader() {
  return Response.json({ error: "method not allowed" }, { status: 405 });
}

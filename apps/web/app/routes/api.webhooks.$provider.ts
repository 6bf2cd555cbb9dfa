import { receiveWebhook } from "@mentora/core/payments";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getServices } from "~/lib/services.server";
import { clientIpOf } from "~/lib/trpc.server";

/**
 * A payment provider's webhook: limited per source IP, verified on its raw bytes, stored once,
 * then 2xx (core's receiveWebhook). Most providers POST; Konnect calls with GET, hence the
 * loader too.
 */
async function webhook({ request, params, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const services = await getServices();
  const ip = clientIpOf(services, request, context);
  const { status, body, retryAfterSeconds } = await receiveWebhook(
    services,
    request,
    params.provider ?? "",
    ip,
  );
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    "Cache-Control": "no-store",
    "Content-Type": "application/json",
    // A known length below compression's threshold: no gzip stream set up for a few bytes
    // (Remix streams bodies, so without it every answer was compressed; decision 055).
    "Content-Length": String(Buffer.byteLength(text)),
  };
  if (retryAfterSeconds) headers["Retry-After"] = String(retryAfterSeconds);
  return new Response(text, { status, headers });
}

export const loader = webhook;
export const action = webhook;

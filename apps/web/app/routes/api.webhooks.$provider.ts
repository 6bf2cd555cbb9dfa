import { receiveWebhook } from "@mentora/core/payments";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { webhookAnswerOf } from "~/lib/payment-webhooks.server";
import { getServices } from "~/lib/services.server";
import { clientIpOf } from "~/lib/trpc.server";

/**
 * A payment provider's webhook: limited per source IP, verified on its raw bytes, stored once,
 * then 2xx (core's receiveWebhook). Most providers POST; Konnect calls with GET, hence the
 * loader too. The production server answers these in its webhook lane without coming here
 * (`receivePaymentWebhook`, decision 064); the dev server comes here.
 */
async function webhook({ request, params, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  const services = await getServices();
  const ip = clientIpOf(services, request, context);
  const answer = webhookAnswerOf(
    await receiveWebhook(services, request, params.provider ?? "", ip),
  );
  return new Response(answer.text, { status: answer.status, headers: answer.headers });
}

export const loader = webhook;
export const action = webhook;

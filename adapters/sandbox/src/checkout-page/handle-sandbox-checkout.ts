import { isGatewayError } from "@mentora/payment-gateway";
import { sendSandboxWebhook } from "../sandbox-delivery.ts";
import { paymentEvent } from "../sandbox-events.ts";
import { nowOf, type SandboxOptions } from "../sandbox-options.ts";
import type { SandboxPaymentRecord } from "../sandbox-records.ts";
import { effectiveStatus, readStore, transitionSandboxPayment } from "../store-calls.ts";
import { pageHeaders, pageShell } from "./html.ts";
import {
  renderCheckoutPage,
  renderExpiredPage,
  renderFinishedPage,
  renderNotFoundPage,
} from "./render-checkout-page.ts";

const checkoutPath = /\/sandbox\/checkout\/([A-Za-z0-9_-]{1,100})\/?$/;
const payerActions = ["pay", "decline", "abandon"] as const;
type PayerAction = (typeof payerActions)[number];

const html = (status: number, body: string) => new Response(body, { status, headers: pageHeaders });

const redirect = (location: string) =>
  new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

const returnUrlOf = (record: SandboxPaymentRecord) =>
  record.status === "succeeded" ? record.successUrl : record.cancelUrl;

/**
 * The sandbox provider's hosted checkout, for the web app to mount at
 * /sandbox/checkout/:id (GET shows it, POST is the payer's choice). Same options as the gateway.
 */
export async function handleSandboxCheckout(
  request: Request,
  deps: SandboxOptions,
): Promise<Response> {
  const url = new URL(request.url);
  const id = checkoutPath.exec(url.pathname)?.[1];
  if (!id) return html(404, renderNotFoundPage());
  try {
    if (request.method === "GET" || request.method === "HEAD") {
      return await showCheckout(deps, id, url.pathname);
    }
    if (request.method === "POST") return await actOnCheckout(request, deps, id);
    return new Response(null, { status: 405, headers: { allow: "GET, HEAD, POST" } });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const status = error.code === "not_found" ? 404 : 503;
    const page =
      status === 404
        ? renderNotFoundPage()
        : pageShell("Sandbox unavailable", "<h1>Please try again in a moment</h1>");
    return html(status, page);
  }
}

async function showCheckout(deps: SandboxOptions, id: string, path: string): Promise<Response> {
  const record = await readStore(() => deps.store.getPayment(id));
  if (!record) return html(404, renderNotFoundPage());
  const status = effectiveStatus(record, nowOf(deps));
  if (status === "expired") return html(410, renderExpiredPage(record));
  if (status !== "pending") return html(200, renderFinishedPage(record));
  return html(200, renderCheckoutPage(record, path));
}

async function actOnCheckout(request: Request, deps: SandboxOptions, id: string) {
  // CSRF: browsers always send Origin on a form POST; only our own pages may submit this form.
  if (request.headers.get("origin") !== new URL(deps.publicUrl).origin) {
    return html(403, pageShell("Forbidden", "<h1>This form can only be sent from Mentora</h1>"));
  }
  const action = new URLSearchParams(await request.text()).get("action");
  if (!payerActions.includes(action as PayerAction)) {
    return html(400, pageShell("Bad request", "<h1>Unknown action</h1>"));
  }
  const now = nowOf(deps);
  const record = await readStore(() => deps.store.getPayment(id));
  if (!record) return html(404, renderNotFoundPage());

  if (effectiveStatus(record, now) === "expired") {
    const expired = await transitionSandboxPayment(deps.store, id, "expired", now);
    if (expired.changed) {
      await sendSandboxWebhook(
        deps,
        record.webhookUrl,
        paymentEvent(expired.record, "expired", now),
      );
    }
    return html(410, renderExpiredPage(expired.record));
  }
  // Abandoning changes nothing: the checkout stays payable until its lifespan ends.
  if (action === "abandon") return redirect(returnUrlOf(record));

  const outcome = action === "pay" ? "succeeded" : "failed";
  const moved = await transitionSandboxPayment(deps.store, id, outcome, now);
  if (moved.changed) {
    await sendSandboxWebhook(
      deps,
      moved.record.webhookUrl,
      paymentEvent(moved.record, outcome, now),
    );
  }
  // A repeated POST (double click, back button) changes nothing and lands where the first did.
  return redirect(returnUrlOf(moved.record));
}

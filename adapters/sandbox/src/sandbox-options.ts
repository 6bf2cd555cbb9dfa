import { gatewayRoutePath } from "@mentora/payment-gateway";
import type { SandboxStore } from "./sandbox-store.ts";

/** A signed webhook the sandbox sends to our own edge. */
export interface SandboxDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Shared by createSandboxGateway and handleSandboxCheckout: build it once in the app. */
export interface SandboxOptions {
  store: SandboxStore;
  /** The web app's public origin (PUBLIC_URL); the checkout page lives under it. */
  publicUrl: string;
  webhookSecret: string;
  /** Sends a webhook; default: fetch POST to its URL. */
  deliver?: (delivery: SandboxDelivery) => Promise<void>;
  /** A webhook that could not be delivered; the payment is already recorded either way. */
  onDeliveryError?: (error: unknown, delivery: SandboxDelivery) => void;
  now?: () => Date;
}

export const deliveryTimeoutMs = 10_000;

/** The key of the checkout page in the gateway's routes: /gateways/sandbox/checkout/:id. */
export const sandboxCheckoutRoute = "checkout";

/** The hosted checkout page of one payment, under the app's public origin. */
export function sandboxCheckoutUrl(options: Pick<SandboxOptions, "publicUrl">, id: string): string {
  return `${publicBase(options)}${gatewayRoutePath("sandbox", sandboxCheckoutRoute, `/${encodeURIComponent(id)}`)}`;
}

export async function deliverByFetch(delivery: SandboxDelivery): Promise<void> {
  const response = await fetch(delivery.url, {
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
    signal: AbortSignal.timeout(deliveryTimeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`Sandbox webhook answered ${response.status}`);
}

/** publicUrl without a trailing slash, so paths join cleanly. */
export function publicBase(options: Pick<SandboxOptions, "publicUrl">): string {
  return options.publicUrl.replace(/\/+$/, "");
}

export function nowOf(options: Pick<SandboxOptions, "now">): Date {
  return options.now ? options.now() : new Date();
}

/** Where sandbox webhooks go when the caller names no URL: our own edge. */
export function defaultSandboxWebhookUrl(options: Pick<SandboxOptions, "publicUrl">): string {
  return `${publicBase(options)}/api/webhooks/sandbox`;
}

import type { GatewayFactory } from "@mentora/payment-gateway";
import { createStripeGateway, type StripeGatewayOptions } from "./stripe-gateway.ts";

export { createStripeGateway, type StripeGatewayOptions } from "./stripe-gateway.ts";

/** The environment slice the registry hands us. */
export const STRIPE_ENV = {
  secretKey: "STRIPE_SECRET_KEY",
  webhookSecret: "STRIPE_WEBHOOK_SECRET",
  /** Optional: another API address, e.g. http://127.0.0.1:12111 for a local fake. */
  apiUrl: "STRIPE_API_URL",
} as const;

export const gatewayFactory: GatewayFactory = {
  id: "stripe",
  create(env, { timeoutMs }) {
    const missing = [STRIPE_ENV.secretKey, STRIPE_ENV.webhookSecret].filter((name) => !env[name]);
    if (missing.length > 0) throw new Error(`Stripe gateway: missing ${missing.join(", ")}`);
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
      throw new Error(`Stripe gateway: timeoutMs must be a positive integer, got ${timeoutMs}`);
    }
    return createStripeGateway({
      secretKey: env[STRIPE_ENV.secretKey] as string,
      webhookSecret: env[STRIPE_ENV.webhookSecret] as string,
      timeoutMs,
      ...apiAddress(env[STRIPE_ENV.apiUrl]),
    });
  },
};

/** STRIPE_API_URL as stripe-node's host, port and protocol. */
function apiAddress(
  value: string | undefined,
): Pick<StripeGatewayOptions, "host" | "port" | "protocol"> {
  if (!value) return {};
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Stripe gateway: ${STRIPE_ENV.apiUrl} is not a URL: ${value}`);
  }
  const protocol = url.protocol.slice(0, -1);
  if (
    (protocol !== "http" && protocol !== "https") ||
    (url.pathname !== "/" && url.pathname !== "")
  ) {
    throw new Error(
      `Stripe gateway: ${STRIPE_ENV.apiUrl} must be http(s)://host[:port], got ${value}`,
    );
  }
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === "https" ? 443 : 80,
    protocol,
  };
}

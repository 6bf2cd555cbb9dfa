import type { GatewayFactory } from "@mentora/payment-gateway";
import { createPayPalGateway } from "./paypal-gateway.ts";

export {
  createPayPalGateway,
  type PayPalGatewayOptions,
  paypalCurrencies,
} from "./paypal-gateway.ts";

const requiredVariables = [
  "PAYPAL_CLIENT_ID",
  "PAYPAL_CLIENT_SECRET",
  "PAYPAL_WEBHOOK_ID",
] as const;

function requiredValues(env: Readonly<Record<string, string | undefined>>) {
  const missing = requiredVariables.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new Error(`PayPal gateway: ${missing.join(", ")} not set`);
  const value = (name: (typeof requiredVariables)[number]) => env[name]?.trim() ?? "";
  return {
    clientId: value("PAYPAL_CLIENT_ID"),
    clientSecret: value("PAYPAL_CLIENT_SECRET"),
    webhookId: value("PAYPAL_WEBHOOK_ID"),
  };
}

function environmentOf(value: string | undefined): "sandbox" | "live" {
  const environment = value?.trim() || "sandbox";
  if (environment !== "sandbox" && environment !== "live") {
    throw new Error(
      `PayPal gateway: PAYPAL_ENVIRONMENT must be sandbox or live, got ${environment}`,
    );
  }
  return environment;
}

/**
 * Env: PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID (required),
 * PAYPAL_ENVIRONMENT (sandbox | live, default sandbox), PAYPAL_API_URL (optional host override,
 * e.g. a local fake).
 */
export const gatewayFactory: GatewayFactory = {
  id: "paypal",
  create(env, { timeoutMs }) {
    return createPayPalGateway({
      ...requiredValues(env),
      environment: environmentOf(env.PAYPAL_ENVIRONMENT),
      baseUrl: env.PAYPAL_API_URL?.trim() || undefined,
      timeoutMs,
    });
  },
};

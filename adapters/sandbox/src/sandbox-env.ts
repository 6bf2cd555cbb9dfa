import type { GatewayFactory } from "@mentora/payment-gateway";
import { createSandboxGateway } from "./sandbox-gateway.ts";
import type { SandboxOptions } from "./sandbox-options.ts";
import { sandboxStoreOn } from "./sandbox-store.ts";

export const sandboxEnv = {
  publicUrl: "PUBLIC_URL",
  webhookSecret: "SANDBOX_WEBHOOK_SECRET",
  nodeEnv: "NODE_ENV",
} as const;

/** Only for development and tests; production must set SANDBOX_WEBHOOK_SECRET. */
const devWebhookSecret = "mentora-sandbox-dev-webhook-secret-not-for-production";

type SandboxRuntimeDeps = Omit<SandboxOptions, "publicUrl" | "webhookSecret">;

/** The options from the environment plus what the app lends (its shared store, delivery). */
export function sandboxOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  deps: SandboxRuntimeDeps,
): SandboxOptions {
  const publicUrl = env[sandboxEnv.publicUrl];
  if (!publicUrl || !URL.canParse(publicUrl)) {
    throw new Error(`Sandbox gateway needs ${sandboxEnv.publicUrl} (the app's public URL)`);
  }
  const secret = env[sandboxEnv.webhookSecret];
  if (!secret && env[sandboxEnv.nodeEnv] === "production") {
    throw new Error(`Sandbox gateway needs ${sandboxEnv.webhookSecret} in production`);
  }
  return { ...deps, publicUrl, webhookSecret: secret || devWebhookSecret };
}

/**
 * The registry's entry, built like every adapter's: the books live in the runtime's state
 * store (shared by every process), webhooks go through the runtime's delivery when the app
 * gives one, and a failed delivery is logged.
 */
export const gatewayFactory: GatewayFactory = {
  id: "sandbox",
  // The sandbox calls nothing remote; the runtime's timeoutMs has nothing to bound.
  create(env, runtime) {
    return createSandboxGateway(
      sandboxOptionsFromEnv(env, {
        store: sandboxStoreOn(runtime.state),
        ...(runtime.deliverWebhook ? { deliver: runtime.deliverWebhook } : {}),
        onDeliveryError: (error, delivery) =>
          runtime.logger.warn({ err: error, url: delivery.url }, "sandbox webhook not delivered"),
      }),
    );
  },
};

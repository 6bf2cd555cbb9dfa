import type { GatewayFactory } from "@mentora/payment-gateway";
import { createSandboxGateway } from "./sandbox-gateway.ts";
import type { SandboxOptions } from "./sandbox-options.ts";

export const sandboxEnv = {
  publicUrl: "PUBLIC_URL",
  webhookSecret: "SANDBOX_WEBHOOK_SECRET",
  nodeEnv: "NODE_ENV",
} as const;

/** Only for development and tests; production must set SANDBOX_WEBHOOK_SECRET. */
const devWebhookSecret = "mentora-sandbox-dev-webhook-secret-not-for-production";

export type SandboxRuntimeDeps = Omit<SandboxOptions, "publicUrl" | "webhookSecret">;

/**
 * The options from the environment plus what only the app has (its database-backed store).
 * The app builds them once and hands them to both the gateway and handleSandboxCheckout.
 */
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
 * A registry entry; unlike other adapters it needs the app's store, hence a function returning
 * the factory rather than a `gatewayFactory` export.
 */
export function createSandboxGatewayFactory(deps: SandboxRuntimeDeps): GatewayFactory {
  return {
    id: "sandbox",
    // The sandbox calls nothing remote; the registry's timeoutMs has nothing to bound.
    create: (env) => createSandboxGateway(sandboxOptionsFromEnv(env, deps)),
  };
}

import type { App } from "@mentora/core";
import { createDbSandboxStore } from "@mentora/core/payments";
import { type SandboxOptions, sandboxOptionsFromEnv } from "@mentora/gateway-sandbox";

declare global {
  // Built once per process, like the services (dev HMR re-evaluates this module).
  var __mentoraSandboxOptions: SandboxOptions | undefined;
}

/**
 * The sandbox provider's options for its hosted checkout page, or null when the sandbox is not
 * a loaded gateway (then its page does not exist). Same environment as the gateway core built,
 * so the webhook secret matches.
 */
export function sandboxOptions(services: App): SandboxOptions | null {
  if (!services.gateways.ids.includes("sandbox")) return null;
  globalThis.__mentoraSandboxOptions ??= sandboxOptionsFromEnv(
    { ...process.env, PUBLIC_URL: services.config.app.publicUrl },
    {
      store: createDbSandboxStore(services.prisma),
      onDeliveryError: (error, delivery) =>
        services.logger.warn({ err: error, url: delivery.url }, "sandbox webhook not delivered"),
    },
  );
  return globalThis.__mentoraSandboxOptions;
}

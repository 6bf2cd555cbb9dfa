import type { GatewayFactory } from "@mentora/payment-gateway";
import { createKonnectGateway } from "./konnect-gateway.ts";

export {
  type KonnectGatewayConfig,
  type KonnectPaymentMethod,
  konnectProductionUrl,
  konnectSandboxUrl,
} from "./konnect-config.ts";
export { createKonnectGateway } from "./konnect-gateway.ts";

/** Environment names the registry passes through (the slice this adapter reads). */
export const konnectEnv = {
  apiKey: "KONNECT_API_KEY",
  walletId: "KONNECT_WALLET_ID",
  apiUrl: "KONNECT_API_URL",
  lifespanMinutes: "KONNECT_LIFESPAN_MINUTES",
} as const;

export const gatewayFactory: GatewayFactory = {
  id: "konnect",
  create(env, { timeoutMs }) {
    const missing = [konnectEnv.apiKey, konnectEnv.walletId].filter((name) => !env[name]);
    if (missing.length > 0) throw new Error(`Konnect gateway needs ${missing.join(", ")}`);
    const lifespan = env[konnectEnv.lifespanMinutes];
    if (lifespan !== undefined && !/^[1-9]\d*$/.test(lifespan)) {
      throw new Error(`${konnectEnv.lifespanMinutes} must be a positive whole number of minutes`);
    }
    const apiUrl = env[konnectEnv.apiUrl];
    if (apiUrl && !URL.canParse(apiUrl)) throw new Error(`${konnectEnv.apiUrl} is not a URL`);
    return createKonnectGateway({
      apiKey: env[konnectEnv.apiKey]!,
      receiverWalletId: env[konnectEnv.walletId]!,
      ...(apiUrl ? { baseUrl: apiUrl } : {}),
      ...(lifespan ? { lifespanMinutes: Number(lifespan) } : {}),
      timeoutMs,
    });
  },
};

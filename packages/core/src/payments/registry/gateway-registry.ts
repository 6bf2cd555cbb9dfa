import type {
  GatewayFactory,
  GatewayLogger,
  GatewayRuntime,
  KeyValueStore,
  PaymentGateway,
} from "@mentora/payment-gateway";
import type { PaymentRoute } from "../../config/schema.ts";

/**
 * The gateways this process can pay through, by id, plus the currency routing. createApp
 * builds it at start from `config.payments`; services reach it as `services.gateways`.
 */
export interface GatewayRegistry {
  /** Loaded gateway ids, in PAYMENT_GATEWAYS order. */
  readonly ids: readonly string[];
  /** The gateway with this id (e.g. the `:provider` of a webhook); throws for an unknown id. */
  get(id: string): PaymentGateway;
  /**
   * The gateway PAYMENT_ROUTING sends a payment in this currency to: its own rule, else `*`.
   * Throws when no rule matches or the gateway does not accept the currency.
   */
  forCurrency(currency: string): PaymentGateway;
}

export interface LoadGatewayRegistryOptions {
  /** Adapter package names (PAYMENT_GATEWAYS); a module URL works too. */
  packages: readonly string[];
  /** Where adapters read their own variables (process.env in the app). */
  env: Readonly<Record<string, string | undefined>>;
  /** GATEWAY_TIMEOUT_MS: bound on one provider call. */
  timeoutMs: number;
  /** PAYMENT_ROUTING, as parsed by the config schema. */
  routing: readonly PaymentRoute[];
  /**
   * What the app lends every adapter alike (GatewayRuntime): a state store per gateway id (the
   * registry namespaces it), a logger, and optionally how in-app providers deliver webhooks.
   */
  runtime: {
    stateFor(gatewayId: string): KeyValueStore;
    logger: GatewayLogger & { child?(bindings: Record<string, unknown>): GatewayLogger };
    deliverWebhook?: GatewayRuntime["deliverWebhook"];
  };
  /**
   * Production: refuse every gateway whose capabilities say it moves no money (the sandbox:
   * anyone can press Pay), whatever its package is called.
   */
  production: boolean;
  /**
   * Loads one package: the app passes `(name) => import(name)` written in its own module, so
   * packages resolve from the app's dependencies. Core depends on no adapter (it never loads a
   * vendor SDK itself); the app composes, as the design says.
   */
  importPackage: (name: string) => Promise<unknown>;
}

export class GatewayRegistryError extends Error {
  override name = "GatewayRegistryError";
}

/**
 * Loads every adapter package configuration names, by package name, and creates its gateway:
 * a new gateway is a new package plus one line of configuration, no change to our code.
 */
export async function loadGatewayRegistry(
  options: LoadGatewayRegistryOptions,
): Promise<GatewayRegistry> {
  const gateways = new Map<string, PaymentGateway>();
  const sources = new Map<string, string>();
  for (const name of options.packages) {
    const factory = await loadFactory(name, options);
    if (gateways.has(factory.id)) {
      throw new GatewayRegistryError(
        `Payment gateway id "${factory.id}" from ${name} is already taken by ${sources.get(factory.id)} (PAYMENT_GATEWAYS)`,
      );
    }
    gateways.set(factory.id, createGateway(name, factory, options));
    sources.set(factory.id, name);
  }
  checkRouting(options.routing, gateways);
  return registryOf(gateways, options.routing);
}

async function loadFactory(name: string, options: LoadGatewayRegistryOptions) {
  let module: Record<string, unknown>;
  try {
    module = (await options.importPackage(name)) as Record<string, unknown>;
  } catch (error) {
    throw new GatewayRegistryError(
      `Payment gateway package ${name} (PAYMENT_GATEWAYS) could not be loaded: ${messageOf(error)}`,
      { cause: error },
    );
  }
  const factory = module.gatewayFactory;
  if (!isGatewayFactory(factory)) {
    throw new GatewayRegistryError(
      `Payment gateway package ${name} (PAYMENT_GATEWAYS) does not export a gatewayFactory ({ id: string, create(env, runtime) })`,
    );
  }
  return factory;
}

/** The same runtime for every adapter; only the state's namespace and the log's name differ. */
function runtimeFor(gatewayId: string, options: LoadGatewayRegistryOptions): GatewayRuntime {
  const { logger, deliverWebhook, stateFor } = options.runtime;
  return {
    state: stateFor(gatewayId),
    logger: logger.child?.({ gateway: gatewayId }) ?? logger,
    timeoutMs: options.timeoutMs,
    ...(deliverWebhook ? { deliverWebhook } : {}),
  };
}

function isGatewayFactory(value: unknown): value is GatewayFactory {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof GatewayFactory, unknown>>;
  return (
    typeof candidate.id === "string" &&
    candidate.id !== "" &&
    typeof candidate.create === "function"
  );
}

function createGateway(
  name: string,
  factory: GatewayFactory,
  options: LoadGatewayRegistryOptions,
): PaymentGateway {
  let gateway: PaymentGateway;
  try {
    gateway = factory.create(options.env, runtimeFor(factory.id, options));
  } catch (error) {
    throw new GatewayRegistryError(
      `Payment gateway "${factory.id}" (${name}) could not be created: ${messageOf(error)}`,
      { cause: error },
    );
  }
  if (gateway?.id !== factory.id) {
    throw new GatewayRegistryError(
      `Payment gateway package ${name}: its factory's id "${factory.id}" differs from its gateway's id "${gateway?.id}"`,
    );
  }
  if (options.production && gateway.capabilities.movesMoney !== true) {
    throw new GatewayRegistryError(
      `Payment gateway "${gateway.id}" (${name}) moves no money (its capabilities say so: anyone could press Pay), so production refuses it: remove ${name} from PAYMENT_GATEWAYS and name a real gateway, e.g. @mentora/gateway-stripe`,
    );
  }
  return gateway;
}

/** Every rule names a loaded gateway, and an explicit currency is one that gateway accepts. */
function checkRouting(routing: readonly PaymentRoute[], gateways: Map<string, PaymentGateway>) {
  for (const route of routing) {
    const gateway = gateways.get(route.gatewayId);
    if (!gateway) {
      throw new GatewayRegistryError(
        `PAYMENT_ROUTING rule ${route.currency}:${route.gatewayId} names a gateway that is not loaded (loaded: ${[...gateways.keys()].join(", ") || "none"}; add its package to PAYMENT_GATEWAYS)`,
      );
    }
    if (route.currency !== "*") assertAccepts(gateway, route.currency);
  }
}

function assertAccepts(gateway: PaymentGateway, currency: string) {
  const accepted = gateway.capabilities.currencies;
  if (accepted && !accepted.includes(currency)) {
    throw new GatewayRegistryError(
      `Payment gateway "${gateway.id}" does not accept ${currency} (it takes ${accepted.join(", ")}); check PAYMENT_ROUTING`,
    );
  }
}

function registryOf(
  gateways: Map<string, PaymentGateway>,
  routing: readonly PaymentRoute[],
): GatewayRegistry {
  const get = (id: string): PaymentGateway => {
    const gateway = gateways.get(id);
    if (!gateway) {
      throw new GatewayRegistryError(
        `Unknown payment gateway "${id}" (loaded: ${[...gateways.keys()].join(", ") || "none"})`,
      );
    }
    return gateway;
  };
  return {
    ids: Object.freeze([...gateways.keys()]),
    get,
    forCurrency(currency) {
      const route =
        routing.find((rule) => rule.currency === currency) ??
        routing.find((rule) => rule.currency === "*");
      if (!route) {
        throw new GatewayRegistryError(`No PAYMENT_ROUTING rule for ${currency} and no * fallback`);
      }
      const gateway = get(route.gatewayId);
      assertAccepts(gateway, currency);
      return gateway;
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

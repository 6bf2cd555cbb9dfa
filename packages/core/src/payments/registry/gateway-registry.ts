import type { SandboxRuntimeDeps } from "@mentora/gateway-sandbox";
import type { GatewayFactory, PaymentGateway } from "@mentora/payment-gateway";
import { type PaymentRoute, SANDBOX_GATEWAY_PACKAGE } from "../../config/schema.ts";

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
   * What the sandbox needs from the app (its database-backed store, optionally how webhooks are
   * delivered); required when the sandbox is listed.
   */
  sandbox?: SandboxRuntimeDeps;
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
  const factory =
    name === SANDBOX_GATEWAY_PACKAGE ? sandboxFactory(module, options) : module.gatewayFactory;
  if (!isGatewayFactory(factory)) {
    throw new GatewayRegistryError(
      `Payment gateway package ${name} (PAYMENT_GATEWAYS) does not export a gatewayFactory ({ id: string, create(env, { timeoutMs }) })`,
    );
  }
  return factory;
}

/**
 * The one special case. The sandbox's "provider" is our own web app: its checkout page and its
 * gateway must share the app's database-backed store, which only the app can supply, so the
 * package exports createSandboxGatewayFactory({ store }) instead of a ready gatewayFactory.
 */
function sandboxFactory(module: Record<string, unknown>, options: LoadGatewayRegistryOptions) {
  const create = module.createSandboxGatewayFactory;
  if (typeof create !== "function") return undefined;
  if (!options.sandbox) {
    throw new GatewayRegistryError(
      `PAYMENT_GATEWAYS lists ${SANDBOX_GATEWAY_PACKAGE}, which needs the app's sandbox store (options.sandbox)`,
    );
  }
  return create(options.sandbox) as unknown;
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
    gateway = factory.create(options.env, { timeoutMs: options.timeoutMs });
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

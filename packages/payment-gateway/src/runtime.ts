/** A JSON value as the state store keeps it. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A stored value and its version (1 on creation, +1 on every write). */
export interface KeyValueEntry<T extends JsonValue = JsonValue> {
  value: T;
  version: number;
}

export interface KeyValueWriteOptions {
  /** The entry disappears after this long; absent: it stays until deleted. */
  ttlMs?: number;
}

/**
 * A small durable key/value store the app lends an adapter, already namespaced to that gateway
 * (two adapters never see each other's keys). Every process of the app sees the same entries,
 * so state kept here survives restarts and is shared by web and worker. Values are JSON.
 * Implementations throw on I/O failure; a failed write may have been applied.
 */
export interface KeyValueStore {
  get<T extends JsonValue = JsonValue>(key: string): Promise<KeyValueEntry<T> | null>;
  /** Writes unconditionally (creates or replaces). */
  set(key: string, value: JsonValue, options?: KeyValueWriteOptions): Promise<void>;
  /**
   * Creates the entry only when the key is absent (or expired); returns what is stored after
   * the call: the caller's value when `created`, else the earlier one, unchanged.
   */
  add<T extends JsonValue>(
    key: string,
    value: T,
    options?: KeyValueWriteOptions,
  ): Promise<{ created: boolean; entry: KeyValueEntry<T> }>;
  /**
   * Compare-and-set: replaces the value only if the stored version is still `version`. False
   * when another writer got there first or the entry is gone.
   */
  replace(
    key: string,
    value: JsonValue,
    version: number,
    options?: KeyValueWriteOptions,
  ): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** The structured logger the app lends (pino's call shape: fields first, then the message). */
export interface GatewayLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A webhook an adapter sends to the app's own edge (an in-app provider such as the sandbox). */
export interface OutgoingWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the app supplies to every adapter it creates, the same for all of them: adapters take
 * what they need and ignore the rest.
 */
export interface GatewayRuntime {
  /** Durable state, namespaced to this gateway. */
  state: KeyValueStore;
  logger: GatewayLogger;
  /** GATEWAY_TIMEOUT_MS: the bound on one provider call. */
  timeoutMs: number;
  /**
   * How an adapter whose "provider" lives in the app sends webhooks to the app's edge. Absent:
   * an HTTP POST to the URL. Tests capture deliveries through it.
   */
  deliverWebhook?: (webhook: OutgoingWebhook) => Promise<void>;
}

/**
 * HTTP pages an adapter serves itself (the sandbox's hosted checkout). The app mounts them at
 * `/gateways/<gateway id>/<key>/...`, fetch-style and framework-neutral: `path` is what follows
 * the key ("" or "/..."), and `publicPath` the full mounted path, for links and form actions.
 */
export type GatewayRouteHandler = (
  request: Request,
  route: { path: string; publicPath: string },
) => Promise<Response>;

export type GatewayRoutes = Readonly<Record<string, GatewayRouteHandler>>;

/** The path the app mounts an adapter's route under. */
export function gatewayRoutePath(gatewayId: string, routeKey: string, rest = ""): string {
  return `/gateways/${encodeURIComponent(gatewayId)}/${routeKey}${rest}`;
}

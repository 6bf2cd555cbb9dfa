import { createHash, randomUUID } from "node:crypto";
import {
  GatewayError,
  type GatewayWebhookEvent,
  type PaymentGateway,
  type WebhookRequest,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
import type { PoolClient } from "pg";
import type { AppServices } from "../../app/types.ts";
import { enqueue } from "../../jobs/define.ts";
import { ipKey, retryAfterOf } from "../../rate-limits/index.ts";
import { processWebhookQueue } from "./process-webhook.queue.ts";

export interface WebhookResponse {
  status: number;
  body: { received: boolean; stored?: number; duplicates?: number; error?: string };
  /** Set on a 429: the edge sends it as Retry-After. */
  retryAfterSeconds?: number;
}

/** Bodies above this are refused before anything else: no provider sends more. */
export const maxWebhookBytes = 1024 * 1024;

/**
 * The edge of /api/webhooks/:provider. Verifies the request on its raw bytes, stores each event
 * once (unique provider + event id) together with the job that processes it, and only then
 * answers 2xx. A forged or stale request gets 400 and stores nothing; when the provider could
 * not be asked (PayPal verifies through an API call) the answer is 503 so the provider retries.
 * Before anything else, `clientIp` (the edge's, from the socket and TRUSTED_PROXIES; null when
 * unknown) spends a point of the webhook-ip limit: a flood gets 429 before it costs us a
 * signature check, a body read or a call to the provider.
 */
export async function receiveWebhook(
  services: AppServices,
  request: Request,
  providerId: string,
  clientIp: string | null,
): Promise<WebhookResponse> {
  const { telemetry, logger } = services;
  const refused = await sourceLimited(services, "webhook-ip", clientIp);
  if (refused) {
    logger.info({ provider: providerId, ip: clientIp }, "webhook refused: too many requests");
    return {
      status: 429,
      body: { received: false, error: "too many requests" },
      retryAfterSeconds: refused,
    };
  }
  let gateway: PaymentGateway;
  try {
    gateway = services.gateways.get(providerId);
  } catch {
    return { status: 404, body: { received: false, error: "unknown provider" } };
  }
  if (request.method !== "POST" && request.method !== "GET") {
    return { status: 405, body: { received: false, error: "method not allowed" } };
  }
  const rawBody = new Uint8Array(await request.arrayBuffer());
  if (rawBody.byteLength > maxWebhookBytes) {
    return { status: 413, body: { received: false, error: "too large" } };
  }
  telemetry.payments.webhookReceived(gateway.id);

  const webhookRequest: WebhookRequest = {
    method: request.method,
    url: publicUrlOf(services, request),
    headers: Object.fromEntries(request.headers),
    rawBody,
  };
  let events: GatewayWebhookEvent[];
  try {
    if (gateway.webhookPaymentRef) {
      const answer = await unsignedHintAnswer(services, gateway, webhookRequest);
      if (answer) return answer;
    }
    events = await gateway.parseWebhook(webhookRequest);
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      telemetry.payments.webhookRejected(gateway.id, error.reason);
      telemetry.recordFailure(`webhook-rejected:${gateway.id}`);
      logger.warn({ provider: gateway.id, reason: error.reason }, "webhook rejected");
      return { status: 400, body: { received: false, error: error.reason } };
    }
    telemetry.recordFailure(`webhook:${gateway.id}`);
    logger.error({ err: error, provider: gateway.id }, "webhook could not be verified");
    const status = error instanceof GatewayError ? 503 : 500;
    return { status, body: { received: false, error: "try again later" } };
  }

  let stored = 0;
  let duplicates = 0;
  const text = Buffer.from(rawBody).toString("utf8");
  for (const event of events) {
    if (await storeEvent(services, gateway.id, event, text)) stored += 1;
    else {
      duplicates += 1;
      telemetry.payments.webhookDuplicate(gateway.id);
    }
  }
  return { status: 200, body: { received: true, stored, duplicates } };
}

/**
 * An unsigned hint (Konnect) names a payment: only one of ours still pending is worth asking the
 * provider about. Unknown: 404; already settled or closed: 200 (nothing to learn). Neither stores
 * anything or calls the provider. undefined: go on.
 */
async function unsignedHintAnswer(
  services: AppServices,
  gateway: PaymentGateway,
  request: WebhookRequest,
): Promise<WebhookResponse | undefined> {
  const providerPaymentId = gateway.webhookPaymentRef?.(request) ?? "";
  const payment = await services.prisma.payment.findUnique({
    where: { provider_providerPaymentId: { provider: gateway.id, providerPaymentId } },
    select: { status: true },
  });
  if (!payment) {
    services.logger.info({ provider: gateway.id }, "webhook hint for an unknown payment");
    return { status: 404, body: { received: false, error: "unknown payment" } };
  }
  if (payment.status !== "PENDING") {
    return { status: 200, body: { received: true, stored: 0, duplicates: 0 } };
  }
  return undefined;
}

/**
 * Inserts the event and its processing job in one commit; false for an event already stored.
 * Straight on a pooled connection rather than a Prisma interactive transaction, with both
 * statements prepared once per connection: this is the hot path of a webhook storm, and
 * Prisma's transaction plus the planning of pg-boss's large INSERT were most of its cost
 * (decision 026).
 */
async function storeEvent(
  services: AppServices,
  provider: string,
  event: GatewayWebhookEvent,
  rawBody: string,
): Promise<boolean> {
  const client = await services.pool.connect();
  let stored = false;
  try {
    await client.query("BEGIN");
    const id = randomUUID();
    const { rowCount } = await client.query({
      name: "webhook-event-insert",
      text: `INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
             VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT DO NOTHING`,
      values: [id, provider, event.eventId, event.type, JSON.stringify(event), rawBody],
    });
    // Nothing inserted: the unique (provider, eventId) says this event is already stored.
    if (rowCount === 1) {
      await enqueue(
        services.boss,
        processWebhookQueue,
        { webhookEventId: id },
        { db: preparedOn(client) },
      );
      stored = true;
    }
    await client.query(stored ? "COMMIT" : "ROLLBACK");
  } catch (error) {
    // A connection that cannot roll back is in an unknown state: the pool drops it.
    const broken = await client.query("ROLLBACK").then(
      () => undefined,
      (rollbackError: Error) => rollbackError,
    );
    client.release(broken);
    throw error;
  }
  client.release();
  return stored;
}

/**
 * pg-boss's `db` on this connection, each statement prepared once per connection under a name
 * derived from its text (pg-boss's SQL differs per queue, never per job).
 */
function preparedOn(client: PoolClient) {
  return {
    executeSql: (text: string, values: unknown[] = []) =>
      client.query({
        name: `boss-${createHash("sha1").update(text).digest("hex").slice(0, 24)}`,
        text,
        values,
      }),
  };
}

/**
 * The URL the provider called, as it knows it: behind a proxy the request's own URL has the
 * internal host, so the path and query go on PUBLIC_URL (Twilio-style signatures cover the URL).
 */
function publicUrlOf(services: AppServices, request: Request): string {
  const url = new URL(request.url);
  return `${services.config.app.publicUrl.replace(/\/+$/, "")}${url.pathname}${url.search}`;
}

/**
 * Spends one point of a per-source-IP webhook policy; the seconds to wait when refused, else
 * undefined. A null IP (no socket address: dev server) is not limited.
 */
export async function sourceLimited(
  services: Pick<AppServices, "rateLimits">,
  policy: "webhook-ip" | "video-callback-ip",
  clientIp: string | null,
): Promise<number | undefined> {
  try {
    await services.rateLimits.consume(policy, clientIp === null ? null : ipKey(clientIp));
    return undefined;
  } catch (error) {
    const seconds = retryAfterOf(error);
    if (seconds === undefined) throw error;
    return seconds;
  }
}

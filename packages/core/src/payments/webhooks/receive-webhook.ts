import { createHash, randomUUID } from "node:crypto";
import {
  GatewayError,
  type GatewayWebhookEvent,
  type PaymentGateway,
  type WebhookRequest,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
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
 * Inserts the event and its processing job in ONE statement (one round trip, its own commit);
 * false for an event already stored. The unique (provider, eventId) decides: a duplicate, even
 * one racing us on another connection, inserts no event, hence no job. This is the hot path of a
 * webhook storm: a transaction of three statements on a checked-out connection cost four round
 * trips (decisions 026, 055).
 */
async function storeEvent(
  services: AppServices,
  provider: string,
  event: GatewayWebhookEvent,
  rawBody: string,
): Promise<boolean> {
  const id = randomUUID();
  const job = await jobInsertOf(services, { webhookEventId: id });
  const statement = ingestStatementFor(job.text);
  const { rows } = await services.pool.query<{ stored: number }>({
    name: statement.name,
    text: statement.text,
    values: [job.payload, id, provider, event.eventId, event.type, JSON.stringify(event), rawBody],
  });
  return rows[0]?.stored === 1;
}

/**
 * pg-boss's own INSERT of this job and its one parameter, exactly as `send` would run it (the
 * queue's policy, retries, expiry, trace context): a `db` that records instead of running.
 */
async function jobInsertOf(
  services: AppServices,
  data: { webhookEventId: string },
): Promise<{ text: string; payload: unknown }> {
  let captured: { text: string; values: unknown[] } | undefined;
  await enqueue(services.boss, processWebhookQueue, data, {
    db: {
      executeSql: async (text: string, values: unknown[] = []) => {
        captured = { text, values };
        return { rows: [{ id: data.webhookEventId }] };
      },
    },
  });
  if (!captured) throw new Error("pg-boss sent no statement for webhook.process");
  return { text: captured.text, payload: captured.values[0] };
}

const ingestStatements = new Map<string, { name: string; text: string }>();

/**
 * The event INSERT and pg-boss's job INSERT as one statement: the job's rows come from
 * `$1` only when the event was inserted, and a stored event without its job fails the whole
 * statement (1/0), so nothing is ever half-written. Prepared once per connection under a name
 * derived from its text (pg-boss's SQL differs per queue, never per job).
 */
function ingestStatementFor(jobSql: string): { name: string; text: string } {
  const known = ingestStatements.get(jobSql);
  if (known) return known;
  // pg-boss wraps the INSERT in a WITH (which cannot nest a data-modifying CTE) when the
  // queue uses LISTEN/NOTIFY; webhook.process does not.
  if (!/^\s*INSERT\b/.test(jobSql) || jobSql.split("$1").length !== 2 || jobSql.includes("$2")) {
    throw new Error("webhook.process: pg-boss's job INSERT is not one INSERT on $1 (decision 055)");
  }
  const text = `WITH event AS (
      INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
      VALUES ($2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT DO NOTHING RETURNING id
    ), job AS (${jobSql.replace("$1", "(SELECT $1::text FROM event)")})
    SELECT (SELECT count(*) FROM event)::int AS stored,
      1 / (CASE WHEN (SELECT count(*) FROM job) = (SELECT count(*) FROM event) THEN 1 ELSE 0 END)
        AS whole`;
  const statement = {
    name: `webhook-ingest-${createHash("sha1").update(text).digest("hex").slice(0, 24)}`,
    text,
  };
  ingestStatements.set(jobSql, statement);
  return statement;
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

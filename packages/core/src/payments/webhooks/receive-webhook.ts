import { randomUUID } from "node:crypto";
import {
  GatewayError,
  type GatewayWebhookEvent,
  type PaymentGateway,
  type WebhookRequest,
  WebhookVerificationError,
} from "@mentora/payment-gateway";
import type { AppServices } from "../../app/types.ts";
import { ipKey, retryAfterOf } from "../../rate-limits/index.ts";

export interface WebhookResponse {
  status: number;
  body: { received: boolean; stored?: number; duplicates?: number; error?: string };
  /** Set on a 429: the edge sends it as Retry-After. */
  retryAfterSeconds?: number;
}

/**
 * A delivery as the web server's webhook lane hands it over, without a fetch Request (decision
 * 064): the request line's path and query, the headers (lower-case names), and the body, read
 * only when asked (after the limiter; the lane counts it against its size limit).
 */
export interface WebhookDelivery {
  method: string;
  /** Path and query as received ("/api/webhooks/stripe?x=1"). */
  url: string;
  headers: Record<string, string>;
  body(): Promise<Uint8Array>;
}

function deliveryOf(request: Request): WebhookDelivery {
  const url = new URL(request.url);
  return {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers: Object.fromEntries(request.headers),
    // The body as one Uint8Array (undici reads a Request body either way).
    body: () => request.bytes(),
  };
}

/** Bodies above this are refused before anything else: no provider sends more. */
export const maxWebhookBytes = 1024 * 1024;

/**
 * The edge of /api/webhooks/:provider. Verifies the request on its raw bytes, stores each event
 * once (unique provider + event id), and only then answers 2xx; the worker's sweep creates the
 * job that processes it (decision 070). A forged or stale request gets 400 and stores nothing;
 * when the provider could not be asked (PayPal verifies through an API call) the answer is 503
 * so the provider retries.
 * Before anything else, `clientIp` (the edge's, from the socket and TRUSTED_PROXIES; null when
 * unknown) spends a point of the webhook-ip limit: a flood gets 429 before it costs us a
 * signature check, a body read or a call to the provider.
 */
export async function receiveWebhook(
  services: AppServices,
  input: Request | WebhookDelivery,
  providerId: string,
  clientIp: string | null,
): Promise<WebhookResponse> {
  const { telemetry, logger } = services;
  // A fetch Request's `body` is a stream, a delivery's a function.
  const request =
    typeof input.body === "function" ? (input as WebhookDelivery) : deliveryOf(input as Request);
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
  const rawBody = await request.body();
  if (rawBody.byteLength > maxWebhookBytes) {
    return { status: 413, body: { received: false, error: "too large" } };
  }
  telemetry.payments.webhookReceived(gateway.id);

  const webhookRequest: WebhookRequest = {
    method: request.method,
    url: publicUrlOf(services, request.url),
    headers: request.headers,
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
  // The bytes as text without copying them first (the lane hands over node's Buffer).
  const text = (
    Buffer.isBuffer(rawBody)
      ? rawBody
      : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
  ).toString("utf8");
  // Together: the events of one delivery go in the same statement (group commit).
  const outcomes = await Promise.all(
    events.map((event) => storeEvent(services, gateway.id, event, text)),
  );
  for (const isNew of outcomes) {
    if (isNew) stored += 1;
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
 * Stores the event; true once it is committed, false for an event already stored (the unique
 * (provider, eventId) decides, even against a race on another connection or a copy in the same
 * batch). Only the event row: the worker's sweep turns it into its webhook.process job (job id
 * = event id, decision 070), so the round trip the provider waits for writes one row. Concurrent
 * calls share one statement (group commit, decision 064); each caller's answer waits for the
 * commit of the batch its row was in.
 */
function storeEvent(
  services: AppServices,
  provider: string,
  event: GatewayWebhookEvent,
  rawBody: string,
): Promise<boolean> {
  return batcherOf(services.pool).add({
    id: randomUUID(),
    provider,
    eventId: event.eventId,
    type: event.type,
    payload: JSON.stringify(event),
    rawBody,
  });
}

/**
 * One row: plain parameters (the common case when calls do not overlap). "enqueuedAt" NULL: the
 * sweep makes its job (the column's default, now(), is for every other writer; decision 070).
 */
const singleInsert = {
  name: "webhook-ingest-event",
  text: `INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody", "enqueuedAt")
    VALUES ($1, $2, $3, $4, $5::jsonb, $6, NULL) ON CONFLICT DO NOTHING RETURNING id`,
};
/**
 * Several rows: one VALUES list of plain parameters, prepared once per batch size (batches hold
 * at most `maxBatchRows`; under a burst they are a few rows). Arrays (`unnest` of text[]) made
 * the pg driver escape every quote and backslash of each body into an array literal: a tenth of
 * the web server's CPU per webhook under the HTTP bench (decision 076).
 */
const batchInserts: { name: string; text: string }[] = [];
function batchInsertOf(rows: number): { name: string; text: string } {
  let statement = batchInserts[rows];
  if (!statement) {
    const values = Array.from({ length: rows }, (_, row) => {
      const at = row * 6;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, $${at + 6}, NULL)`;
    });
    statement = {
      name: `webhook-ingest-events-${rows}`,
      text: `INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody", "enqueuedAt")
    VALUES ${values.join(", ")} ON CONFLICT DO NOTHING RETURNING id`,
    };
    batchInserts[rows] = statement;
  }
  return statement;
}

/** One event to store. */
interface IngestRow {
  id: string;
  provider: string;
  eventId: string;
  type: string;
  payload: string;
  rawBody: string;
}

interface Waiting {
  row: IngestRow;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
}

/** Statements in flight at once per pool: the rest of the pool stays for everything else. */
const maxBatchesInFlight = 2;
/** A batch's size: its rows and their bodies (up to 1 MB each) travel in one message. */
const maxBatchRows = 100;
const maxBatchBytes = 4 * 1024 * 1024;

/**
 * Group commit: a call finding no ingest statement in flight is sent at once; calls arriving
 * while statements are in flight wait (at most until one returns) and go together in ONE
 * statement. A failed
 * batch fails each of its callers, except that a data error (SQLSTATE class 22/23: one row's
 * bytes) has each row tried alone, so one bad event cannot fail the others' deliveries.
 */
class IngestBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  private readonly pool: AppServices["pool"];

  constructor(pool: AppServices["pool"]) {
    this.pool = pool;
  }

  add(row: IngestRow): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.inFlight === 0 && !this.scheduled) this.flush();
      else this.schedule();
    });
  }

  /** After this turn of the event loop: the requests read in it join the same batch. */
  private schedule() {
    if (this.scheduled || this.inFlight >= maxBatchesInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.inFlight < maxBatchesInFlight && this.queue.length > 0) {
      let bytes = 0;
      let count = 0;
      while (count < this.queue.length && count < maxBatchRows) {
        const row = this.queue[count]?.row;
        const size = (row?.rawBody.length ?? 0) + (row?.payload.length ?? 0);
        if (count > 0 && bytes + size > maxBatchBytes) break;
        bytes += size;
        count += 1;
      }
      const batch = this.queue.splice(0, count);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    // A copy of an event already in this batch is its duplicate: answered after its first
    // row's outcome (a duplicate once that row is committed, failed with it otherwise).
    const firsts = new Map<string, Waiting & { copies: Waiting[] }>();
    for (const waiting of batch) {
      const key = `${waiting.row.provider}\u0000${waiting.row.eventId}`;
      const first = firsts.get(key);
      if (first) first.copies.push(waiting);
      else firsts.set(key, { ...waiting, copies: [] });
    }
    const leaders = [...firsts.values()];
    try {
      const stored = await this.store(leaders.map((leader) => leader.row));
      for (const leader of leaders) {
        leader.resolve(stored.has(leader.row.id));
        for (const copy of leader.copies) copy.resolve(false);
      }
    } catch (error) {
      if (leaders.length > 1 && isRowError(error)) {
        await Promise.all(leaders.map((leader) => this.run([leader, ...leader.copies])));
        return;
      }
      for (const leader of leaders) {
        leader.reject(error);
        for (const copy of leader.copies) copy.reject(error);
      }
    }
  }

  /** The ids of the rows inserted (the others were already stored). */
  private async store(rows: IngestRow[]): Promise<Set<string>> {
    const [only] = rows;
    if (rows.length === 1 && only) {
      const { rows: result } = await this.pool.query<{ id: string }>({
        ...singleInsert,
        values: [only.id, only.provider, only.eventId, only.type, only.payload, only.rawBody],
      });
      return new Set(result.map((row) => row.id));
    }
    const values: string[] = [];
    for (const row of rows) {
      values.push(row.id, row.provider, row.eventId, row.type, row.payload, row.rawBody);
    }
    const { rows: result } = await this.pool.query<{ id: string }>({
      ...batchInsertOf(rows.length),
      values,
    });
    return new Set(result.map((row) => row.id));
  }
}

/** A data or integrity error (one row's content), as opposed to the database being unreachable. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

const batchers = new WeakMap<object, IngestBatcher>();

function batcherOf(pool: AppServices["pool"]): IngestBatcher {
  let batcher = batchers.get(pool);
  if (!batcher) {
    batcher = new IngestBatcher(pool);
    batchers.set(pool, batcher);
  }
  return batcher;
}

/**
 * The URL the provider called, as it knows it: behind a proxy the request's own URL has the
 * internal host, so the path and query go on PUBLIC_URL (Twilio-style signatures cover the URL).
 */
function publicUrlOf(services: AppServices, pathAndQuery: string): string {
  return `${services.config.app.publicUrl.replace(/\/+$/, "")}${pathAndQuery}`;
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

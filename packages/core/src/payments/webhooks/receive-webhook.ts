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
    body: async () => new Uint8Array(await request.arrayBuffer()),
  };
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
  const text = Buffer.from(rawBody).toString("utf8");
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
 * Stores the event with its processing job; true once both are committed, false for an event
 * already stored (the unique (provider, eventId) decides, even against a race on another
 * connection or a copy in the same batch). Concurrent calls share one statement (group commit,
 * decision 064); each caller's answer waits for the commit of the batch its row was in.
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
  return batcherOf(services.pool, statement).add({
    id,
    provider,
    eventId: event.eventId,
    type: event.type,
    payload: JSON.stringify(event),
    rawBody,
    job: typeof job.payload === "string" ? job.payload : JSON.stringify(job.payload),
  });
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

interface IngestStatement {
  /** One row (the common case when calls do not overlap): plain parameters. */
  single: { name: string; text: string };
  /** Several rows: arrays, one prepared statement for any batch size. */
  batch: { name: string; text: string };
}

const ingestStatements = new Map<string, IngestStatement>();
/** pg-boss builds its SQL anew on each send: compared first, hashed only when it changes. */
let lastIngest: { jobSql: string; statement: IngestStatement } | undefined;

const namedStatement = (text: string) => ({
  name: `webhook-ingest-${createHash("sha1").update(text).digest("hex").slice(0, 24)}`,
  text,
});

/**
 * The events' INSERT and pg-boss's job INSERT as one statement: pg-boss's `$1` (a JSON array of
 * jobs) becomes the jobs of the rows the event INSERT returned, so a duplicate gets no job; a
 * stored event without its job fails the whole statement (1/0), so nothing is ever
 * half-written (decisions 055, 064). Both forms are prepared once per connection under a name
 * derived from their text (pg-boss's SQL differs per queue, never per job).
 */
function ingestStatementFor(jobSql: string): IngestStatement {
  if (lastIngest?.jobSql === jobSql) return lastIngest.statement;
  const statement = ingestStatements.get(jobSql) ?? buildIngestStatement(jobSql);
  ingestStatements.set(jobSql, statement);
  lastIngest = { jobSql, statement };
  return statement;
}

function buildIngestStatement(jobSql: string): IngestStatement {
  // pg-boss wraps the INSERT in a WITH (which cannot nest a data-modifying CTE) when the
  // queue uses LISTEN/NOTIFY; webhook.process does not.
  if (!/^\s*INSERT\b/.test(jobSql) || jobSql.split("$1").length !== 2 || /\$[2-9]/.test(jobSql)) {
    throw new Error("webhook.process: pg-boss's job INSERT is not one INSERT on $1 (decision 055)");
  }
  const whole = `1 / (CASE WHEN (SELECT count(*) FROM job) = (SELECT count(*) FROM event) THEN 1
      ELSE 0 END) AS whole`;
  const single = `WITH event AS (
      INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
      VALUES ($2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT DO NOTHING RETURNING id
    ), job AS (${jobSql.replace("$1", () => "(SELECT $1::text FROM event)")})
    SELECT array(SELECT id FROM event) AS stored, ${whole}`;
  const storedJobs = `(SELECT coalesce(json_agg(j.value), '[]')::text
      FROM input JOIN event USING (id) CROSS JOIN LATERAL json_array_elements(input.job::json) j)`;
  const batch = `WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
        $7::text[]) AS i (id, provider, event_id, type, payload, raw_body, job)
    ), event AS (
      INSERT INTO webhook_event (id, provider, "eventId", type, payload, "rawBody")
      SELECT id, provider, event_id, type, payload::jsonb, raw_body FROM input
      ON CONFLICT DO NOTHING RETURNING id
    ), job AS (${jobSql.replace("$1", () => storedJobs)})
    SELECT array(SELECT id FROM event) AS stored, ${whole}`;
  return { single: namedStatement(single), batch: namedStatement(batch) };
}

/** One event to store and its job's pg-boss payload (a JSON array of one job). */
interface IngestRow {
  id: string;
  provider: string;
  eventId: string;
  type: string;
  payload: string;
  rawBody: string;
  job: string;
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
  private readonly statement: IngestStatement;

  constructor(pool: AppServices["pool"], statement: IngestStatement) {
    this.pool = pool;
    this.statement = statement;
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
      const { rows: result } = await this.pool.query<{ stored: string[] }>({
        ...this.statement.single,
        values: [
          only.job,
          only.id,
          only.provider,
          only.eventId,
          only.type,
          only.payload,
          only.rawBody,
        ],
      });
      return new Set(result[0]?.stored ?? []);
    }
    const column = (key: keyof IngestRow) => rows.map((row) => row[key]);
    const { rows: result } = await this.pool.query<{ stored: string[] }>({
      ...this.statement.batch,
      values: [
        column("id"),
        column("provider"),
        column("eventId"),
        column("type"),
        column("payload"),
        column("rawBody"),
        column("job"),
      ],
    });
    return new Set(result[0]?.stored ?? []);
  }
}

/** A data or integrity error (one row's content), as opposed to the database being unreachable. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

const batchers = new WeakMap<object, Map<string, IngestBatcher>>();

function batcherOf(pool: AppServices["pool"], statement: IngestStatement): IngestBatcher {
  let byStatement = batchers.get(pool);
  if (!byStatement) {
    byStatement = new Map();
    batchers.set(pool, byStatement);
  }
  let batcher = byStatement.get(statement.batch.name);
  if (!batcher) {
    batcher = new IngestBatcher(pool, statement);
    byStatement.set(statement.batch.name, batcher);
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

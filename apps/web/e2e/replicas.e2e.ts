import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { accounts, balanceOf } from "@mentora/core/ledger";
import { createPrismaClient, type Db } from "@mentora/db";
import { createS3FileStorage } from "@mentora/files";
import { type FakeStripe, startFakeStripe } from "@mentora/gateway-stripe/testing";
import { PgBoss } from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { uniqueEmail } from "./browser.ts";
import "./context.ts";
import { addPaidOffering, createMentor, createVerifiedUser, PASSWORD, type Target } from "./db.ts";
import { freePort } from "./processes.ts";
import { type Replicas, startReplicas } from "./servers.ts";

// Issue #12, "scale out without surprises": two BUILT web processes behind a round-robin proxy
// and two workers on ONE database, with a real SMTP server, an S3-compatible server and the
// Stripe fake. A paid booking goes end to end through the proxy while a webhook storm hits both
// web processes and one worker is killed (SIGKILL) in the middle of a job. HTTP only, no browser.

const repoDir = path.resolve(import.meta.dirname, "../../..");
const specsDir =
  [
    process.env.MENTORA_SPECS_DIR,
    path.resolve(repoDir, "../shared/specs"),
    path.resolve(repoDir, ".data/specs"),
  ]
    .filter((dir): dir is string => Boolean(dir))
    .find((dir) => existsSync(path.join(dir, "stripe"))) ?? null;
if (!specsDir && process.env.CI === "true") throw new Error("Stripe spec not found");

const STORM_PAYMENTS = 20;
const DELIVERIES_PER_EVENT = 3;
const share = 3_500 - Math.round((3_500 * 1_500) / 10_000);

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}
const closeServer = (server: Server | undefined) =>
  new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

/** Forwards one request to `upstream` (http://host:port) with `extraHeaders`, streaming both ways. */
function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: string,
  extraHeaders: Record<string, string> = {},
) {
  const url = new URL(upstream);
  const outgoing = httpRequest(
    {
      host: url.hostname,
      port: url.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, ...extraHeaders },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  outgoing.on("error", () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(outgoing);
}

/**
 * The load balancer: web 1, web 2, web 1… in turn, adding X-Forwarded-For as a real proxy does
 * (the web processes trust 127.0.0.1 through TRUSTED_PROXIES). Counts what each one got.
 */
function startRoundRobinProxy(port: number, upstreams: () => string[]) {
  const served = new Map<string, number>();
  let next = 0;
  const server = createServer((req, res) => {
    const targets = upstreams();
    const upstream = targets[next++ % targets.length] as string;
    served.set(upstream, (served.get(upstream) ?? 0) + 1);
    const prior = req.headers["x-forwarded-for"];
    const client = req.socket.remoteAddress ?? "";
    forward(req, res, upstream, {
      "x-forwarded-for": prior ? `${prior}, ${client}` : client,
    });
  });
  return new Promise<{ server: Server; served: Map<string, number> }>((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ server, served })),
  );
}

/**
 * Worker 1's road to Stripe: passes requests through until `hold()`, then keeps every request
 * unanswered, so worker 1 is certainly in the middle of a webhook job when it is killed.
 */
async function startStripeGate(stripeUrl: string) {
  // Each held call with the path it asked for (a session's id: whose payment it was reading).
  const held: { path: string; res: ServerResponse }[] = [];
  let holding = false;
  const server = createServer((req, res) => {
    if (holding) {
      held.push({ path: req.url ?? "", res });
      return;
    }
    forward(req, res, stripeUrl);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    held,
    hold: () => {
      holding = true;
    },
    release: () => {
      for (const { res } of held) res.destroy();
    },
  };
}

/** A real SMTP server that keeps every message (smtp-server, as core's e-mail tests use). */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type S3rverConstructor = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: Array<{ name: string }>;
}) => { run(): Promise<AddressInfo>; close(): Promise<void> };
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;

/** The verification link of a quoted-printable e-mail (soft breaks and =XX escapes undone). */
function verificationLink(raw: string): string {
  const text = raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const link = text.match(/https?:\/\/[^\s"<>]+verify-email[^\s"<>]+/)?.[0];
  if (!link) throw new Error(`no verification link in:\n${text}`);
  return link.replaceAll("&amp;", "&");
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

describe.skipIf(!specsDir)("two web processes and two workers on one database", () => {
  let fake: FakeStripe;
  let gate: Awaited<ReturnType<typeof startStripeGate>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let s3: InstanceType<typeof S3rver>;
  let s3Dir: string;
  let s3Endpoint: string;
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;
  let publicUrl: string;
  let replicas: Replicas;
  let db: Db;
  let boss: PgBoss;
  let target: Target;

  beforeAll(async () => {
    fake = await startFakeStripe({ specsDir: specsDir ?? "" });
    gate = await startStripeGate(fake.url);
    smtp = await startSmtp();
    s3Dir = await mkdtemp(path.join(tmpdir(), "mentora-replicas-s3-"));
    s3 = new S3rver({
      address: "127.0.0.1",
      port: 0,
      directory: s3Dir,
      silent: true,
      configureBuckets: [{ name: "mentora-replicas" }],
    });
    s3Endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
    // The proxy's address is the public URL (links in e-mails, origin checks): known first.
    const proxyPort = await freePort();
    publicUrl = `http://127.0.0.1:${proxyPort}`;
    proxy = await startRoundRobinProxy(proxyPort, () => replicas?.webUrls ?? []);
    replicas = await startReplicas(inject("webDbRun"), {
      label: "replicas",
      publicUrl,
      webs: 2,
      env: {
        PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
        PAYMENT_ROUTING: "*:stripe",
        PLATFORM_FEE_BASIS_POINTS: "1500",
        STRIPE_SECRET_KEY: fake.secretKey,
        STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
        STRIPE_API_URL: fake.url,
        SMTP_URL: smtp.url,
        S3_BUCKET: "mentora-replicas",
        S3_ENDPOINT: s3Endpoint,
        S3_FORCE_PATH_STYLE: "true",
        S3_ACCESS_KEY_ID: "S3RVER",
        S3_SECRET_ACCESS_KEY: "S3RVER",
        TRUSTED_PROXIES: "127.0.0.1",
        EARNINGS_HOLD_HOURS: "0",
        ADMIN_REQUIRE_2FA: "false",
      },
      // Worker 1 reaches Stripe through the gate (to be caught mid-job, waiting there rather
      // than timing out first); worker 2 directly.
      workerEnvs: [{ STRIPE_API_URL: gate.url, GATEWAY_TIMEOUT_MS: "120000" }, {}],
    });
    db = createPrismaClient({ connectionString: replicas.databaseUrl });
    boss = new PgBoss({
      connectionString: replicas.databaseUrl,
      supervise: false,
      schedule: false,
    });
    await boss.start();
    target = { baseUrl: publicUrl, db };
  });

  afterAll(async () => {
    gate?.release();
    await boss?.stop({ graceful: false });
    await db?.$disconnect();
    await replicas?.stop();
    await closeServer(proxy?.server);
    await closeServer(gate?.server);
    await smtp?.close();
    await s3?.close();
    if (s3Dir) await rm(s3Dir, { recursive: true, force: true });
    await fake?.close();
  });

  const cookiesOf = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${publicUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: publicUrl },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return cookiesOf(response);
  }

  /** A tRPC mutation through the proxy; returns the data or throws with the stable code. */
  async function mutate<T>(
    cookie: string,
    procedure: string,
    input: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${publicUrl}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: publicUrl, cookie, ...headers },
      body: JSON.stringify({ json: input }),
    });
    const body = (await response.json()) as {
      result?: { data: { json: T } };
      error?: { json: { data: { code: string } } };
    };
    if (!body.result) throw new Error(`${procedure}: ${body.error?.json.data.code}`);
    return body.result.data.json;
  }

  /** Holds a one-hour slot and starts its Stripe checkout; returns the ids and the session. */
  async function holdAndStart(cookie: string, optionId: string, slot: number) {
    const today = new Date();
    // 07:00–14:00 UTC, two to four days ahead: inside the mentor's hours and horizon.
    const startsAt = new Date(
      Date.UTC(
        today.getUTCFullYear(),
        today.getUTCMonth(),
        today.getUTCDate() + 2 + Math.floor(slot / 8),
        7 + (slot % 8),
      ),
    );
    const hold = await mutate<{ id: string }>(cookie, "bookings.hold", { optionId, startsAt });
    const started = await mutate<{ paymentId: string; redirectUrl: string }>(
      cookie,
      "payments.startForBooking",
      { bookingId: hold.id },
    );
    const checkoutId = new URL(started.redirectUrl).pathname.split("/").at(-1) ?? "";
    return { bookingId: hold.id, paymentId: started.paymentId, checkoutId };
  }

  async function deliver(url: string, request: ReturnType<FakeStripe["takeWebhooks"]>[number]) {
    const response = await fetch(`${url}/api/webhooks/stripe`, {
      method: "POST",
      headers: request.headers,
      body: Buffer.from(request.rawBody),
    });
    expect(response.status).toBe(200);
  }

  // Bounded: every wait below has its own timeout; the whole run takes about a minute.
  it("settles each payment once, numbers each invoice once and pays each payout once while a worker dies", {
    timeout: 180_000,
  }, async () => {
    // ── A mentee signs up through the proxy and verifies the e-mail the worker sent over SMTP.
    const mentor = await createMentor({ name: "Inès Haddad", email: uniqueEmail("rm") }, target);
    await addPaidOffering(mentor.id, target);
    const optionId = (
      await db.offeringOption.findFirstOrThrow({ where: { offering: { mentorId: mentor.id } } })
    ).id;
    const menteeEmail = uniqueEmail("rp");
    const signUp = await fetch(`${publicUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: publicUrl },
      body: JSON.stringify({ name: "Chloé Bernard", email: menteeEmail, password: PASSWORD }),
    });
    expect(signUp.status).toBe(200);
    await expect
      .poll(() => smtp.received.filter((mail) => mail.to.includes(menteeEmail)).length, {
        timeout: 30_000,
      })
      .toBe(1);
    const mail = smtp.received.find((entry) => entry.to.includes(menteeEmail));
    const link = new URL(verificationLink(mail?.raw ?? ""));
    expect(link.origin).toBe(publicUrl);
    const verified = await fetch(link, { redirect: "manual" });
    expect(verified.status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { email: menteeEmail } })).emailVerified).toBe(
      true,
    );
    const menteeCookie = await signIn(menteeEmail);

    // ── The mentee holds and pays on the Stripe fake; 20 other mentees pay too.
    const main = await holdAndStart(menteeCookie, optionId, 0);
    fake.payer.pay(main.checkoutId);
    const mainWebhooks = fake.takeWebhooks();
    expect(mainWebhooks.length).toBeGreaterThan(0);
    const storm = await Promise.all(
      Array.from({ length: STORM_PAYMENTS }, async (_, index) => {
        const email = uniqueEmail(`storm${index + 1}`);
        await createVerifiedUser({ name: `Mentee ${index + 1}`, email }, target);
        return holdAndStart(await signIn(email), optionId, index + 1);
      }),
    );
    for (const paid of storm) fake.payer.pay(paid.checkoutId);
    const stormWebhooks = fake.takeWebhooks();
    const all = [main, ...storm];

    // ── From now on worker 1 is stuck at Stripe inside whatever webhook job it takes.
    gate.hold();
    const [web1, web2] = replicas.webUrls as [string, string];
    const deliveries = shuffle(
      stormWebhooks.flatMap((request) =>
        Array.from({ length: DELIVERIES_PER_EVENT }, () => request),
      ),
    );
    // Settled, not all: a failed delivery is reported below, not as an unhandled rejection.
    const storming = Promise.allSettled([
      // The main payment's webhook through the proxy (so either web process)...
      ...mainWebhooks.map((request) => deliver(publicUrl, request)),
      // ...while each storm event arrives three times, shuffled, at both web processes directly.
      ...deliveries.map((request, index) => deliver(index % 2 === 0 ? web1 : web2, request)),
    ]);

    // Worker 1 is killed once it is in the middle of a job and worker 2 has settled some.
    await expect.poll(() => gate.held.length, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => db.payment.count({ where: { status: "SUCCEEDED" } }), { timeout: 60_000 })
      .toBeGreaterThan(0);
    const [killed] = replicas.workers;
    killed?.child.kill("SIGKILL");
    await killed?.exited;
    expect(killed?.child.signalCode).toBe("SIGKILL");
    const killedAt = new Date();
    gate.release();
    const refused = (await storming).filter((result) => result.status === "rejected");
    expect(refused).toEqual([]);

    // ── Worker 2 settles everything else; the dead worker's jobs stay active (pg-boss cannot
    // know it died) until their expiry. A test cannot wait 15 minutes: once worker 2 is done,
    // the orphans' start is moved back by their expiry, and the supervision pass worker 2 runs
    // every minute is run now. Production settings are untouched.
    const orphanedJobs = async () =>
      db.$queryRaw<{ id: string; name: string; eventId: string | null }[]>`
        SELECT id::text, name, data->>'webhookEventId' AS "eventId" FROM pgboss.job
        WHERE state = 'active' AND started_on < ${killedAt}`;
    const unprocessed = () =>
      db.webhookEvent.findMany({ where: { status: { not: "PROCESSED" } }, select: { id: true } });
    await expect
      .poll(
        async () => {
          const orphanEvents = new Set((await orphanedJobs()).map((job) => job.eventId));
          const events = await unprocessed();
          return events.length > 0 && events.every((event) => orphanEvents.has(event.id));
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true);
    const orphans = await orphanedJobs();
    expect(orphans.map((job) => job.name)).toContain("webhook.process");
    // The events the dead worker was waiting on at Stripe when it died. Only these: an "orphan"
    // above may also be worker 2's own job begun before the kill and still finishing (its event
    // then rightly carries a time before the kill), and a job of worker 1's batch may have
    // finished its event and died before pg-boss heard of it.
    const heldPaths = gate.held.map((call) => call.path);
    const stuckIds = (
      await db.webhookEvent.findMany({
        where: { status: { not: "PROCESSED" } },
        select: { id: true, payload: true },
      })
    )
      .filter((event) => {
        const { providerPaymentId } = event.payload as { providerPaymentId?: string };
        return !!providerPaymentId && heldPaths.some((path) => path.includes(providerPaymentId));
      })
      .map((event) => event.id);
    expect(stuckIds.length).toBeGreaterThan(0);
    const orphanIds = orphans.map((job) => job.id);
    await db.$executeRaw`
      UPDATE pgboss.job SET started_on = started_on - expire_seconds * interval '1 second'
      WHERE id = ANY(${orphanIds}::uuid[]) AND state = 'active'`;
    await boss.supervise();
    await expect.poll(async () => (await unprocessed()).length, { timeout: 60_000 }).toBe(0);
    // The dead worker's unfinished events were taken up again and finished by worker 2, after
    // the kill. (Its batch may hold jobs it had fetched but not begun: those count one attempt.)
    const retried = await db.webhookEvent.findMany({ where: { id: { in: stuckIds } } });
    expect(retried.length).toBe(stuckIds.length);
    expect(
      retried.filter(
        (event) =>
          event.status !== "PROCESSED" || !event.processedAt || event.processedAt < killedAt,
      ),
    ).toEqual([]);

    // Every payment settled exactly once, every booking confirmed.
    const paymentIds = all.map((paid) => paid.paymentId);
    await expect
      .poll(
        () =>
          db.booking.count({
            where: { id: { in: all.map((paid) => paid.bookingId) }, status: "CONFIRMED" },
          }),
        { timeout: 30_000 },
      )
      .toBe(all.length);
    const settles = await db.ledgerTransaction.groupBy({
      by: ["paymentId"],
      where: { paymentId: { in: paymentIds }, kind: "PAYMENT" },
      _count: { _all: true },
    });
    expect(settles).toHaveLength(all.length);
    expect(settles.every((row) => row._count._all === 1)).toBe(true);
    expect(await db.payment.count({ where: { id: { in: paymentIds }, status: "SUCCEEDED" } })).toBe(
      all.length,
    );
    // Each event stored once, however often and wherever it arrived.
    const eventIds = new Set(
      [...mainWebhooks, ...stormWebhooks].map(
        (request) =>
          (JSON.parse(Buffer.from(request.rawBody).toString("utf8")) as { id: string }).id,
      ),
    );
    // (The Stripe adapter keeps one kind per payment, checkout.session.completed; the rest of
    // the 3 events per payment are acknowledged and dropped.)
    const stored = await db.webhookEvent.findMany({ where: { provider: "stripe" } });
    expect(stored).toHaveLength(all.length);
    expect(stored.every((event) => eventIds.has(event.eventId))).toBe(true);
    // Both web processes took part; every stored event was processed.
    expect(proxy.served.get(web1)).toBeGreaterThan(0);
    expect(proxy.served.get(web2)).toBeGreaterThan(0);
    expect(await db.webhookEvent.count({ where: { status: { not: "PROCESSED" } } })).toBe(0);

    // ── One invoice per payment, numbers gapless and unique, each PDF stored in the bucket.
    await expect
      .poll(
        () =>
          db.invoice.count({ where: { paymentId: { in: paymentIds }, fileKey: { not: null } } }),
        { timeout: 90_000 },
      )
      .toBe(all.length);
    const invoices = await db.invoice.findMany({
      where: { series: "F" },
      orderBy: { sequence: "asc" },
    });
    expect(invoices).toHaveLength(all.length);
    expect(new Set(invoices.map((invoice) => invoice.paymentId)).size).toBe(all.length);
    const first = invoices[0]?.sequence ?? 0;
    expect(invoices.map((invoice) => invoice.sequence)).toEqual(
      invoices.map((_invoice, index) => first + index),
    );
    const bucket = createS3FileStorage({
      endpoint: s3Endpoint,
      region: "us-east-1",
      bucket: "mentora-replicas",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
      timeoutMs: 5_000,
    });
    for (const invoice of invoices) {
      const stored = await bucket.get(invoice.fileKey as string);
      expect(
        Buffer.from(stored?.bytes ?? [])
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
    const mainInvoice = invoices.find((invoice) => invoice.paymentId === main.paymentId);
    const download = await fetch(`${publicUrl}/invoices/${mainInvoice?.id}.pdf`, {
      headers: { cookie: menteeCookie },
    });
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // ── The session takes place (moved into the past), the worker completes and releases it.
    const booking = await db.booking.findUniqueOrThrow({ where: { id: main.bookingId } });
    const endsAt = new Date(Date.now() - 60 * 60_000);
    await db.mentoringSession.update({
      where: { id: booking.sessionId },
      data: { startsAt: new Date(endsAt.getTime() - 60 * 60_000), endsAt, blockedUntil: endsAt },
    });
    await boss.send("earnings.complete-ended-sessions", {});
    await expect
      .poll(() => balanceOf(db, accounts.mentorAvailable(mentor.id, "EUR")), { timeout: 30_000 })
      .toBe(share);

    // ── The mentor asks for the payout, an admin approves it, the worker pays it at Stripe.
    const mentorCookie = await signIn(mentor.email);
    // Stripe payouts are set up on Stripe's hosted form (decision 051): the mentor completes it
    // (the fake's remote control) and the return page reads the account from Stripe.
    const { url: onboardingUrl } = await mutate<{ url: string }>(
      mentorCookie,
      "payouts.startOnboarding",
      undefined,
    );
    const connectedAccount = new URL(onboardingUrl).pathname.split("/")[3] ?? "";
    fake.completeOnboarding(connectedAccount);
    fake.takeWebhooks();
    await mutate(mentorCookie, "payouts.refreshAccount", undefined);
    const payout = await mutate<{ id: string }>(mentorCookie, "payouts.request", {
      currency: "EUR",
      amountMinor: share,
    });
    const adminEmail = uniqueEmail("radmin");
    await createVerifiedUser({ name: "Ada Admin", email: adminEmail }, target);
    await db.user.update({ where: { email: adminEmail }, data: { role: "ADMIN" } });
    const approved = await mutate<{ results: { ok: boolean }[] }>(
      await signIn(adminEmail),
      "admin.payouts.approve",
      { payoutIds: [payout.id] },
      // The admin is behind a proxy of their own: the chain reaches the app through ours.
      { "x-forwarded-for": "203.0.113.9" },
    );
    expect(approved.results).toEqual([expect.objectContaining({ ok: true })]);
    // The web process believed the proxies it trusts (TRUSTED_PROXIES), not the socket's address.
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "payout.approve", targetId: payout.id },
    });
    expect(audit.ip).toBe("203.0.113.9");
    await expect
      .poll(async () => (await db.payout.findUniqueOrThrow({ where: { id: payout.id } })).status, {
        timeout: 60_000,
      })
      .toBe("PAID");
    const transfers = fake.requests.filter(
      (request) => request.method === "POST" && request.path === "/v1/transfers",
    );
    expect(transfers.filter((request) => request.status === 200)).toHaveLength(1);
    expect(new Set(transfers.map((request) => request.idempotencyKey)).size).toBe(1);

    // ── The books balance to zero in every currency.
    const totals = await db.$queryRaw<{ total: bigint }[]>`
      SELECT sum("amountMinor")::bigint AS total FROM ledger_entry GROUP BY currency`;
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.every((row) => row.total === 0n)).toBe(true);
  });
});

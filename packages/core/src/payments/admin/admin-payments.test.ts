import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookEventHandlers } from "../../app/job-handlers.ts";
import { createUser } from "../../bookings/testing/bookings.ts";
import { csvField, csvRow } from "../../csv/index.ts";
import { errorCodeOf } from "../../errors/index.ts";
import { contextFor } from "../../testing/index.ts";
import { encodeCursor } from "../../trpc/keyset-cursor.ts";
import { createCaller } from "../../trpc/router.ts";
import { startBookingPayment } from "../checkout/start-payment.ts";
import { createPaymentsRig, storeEventForUnknownPayment } from "../testing/payments-rig.ts";
import { processWebhookEvent } from "../webhooks/process-webhook.job.ts";
import { webhookMaxAttempts } from "../webhooks/process-webhook.queue.ts";
import { listPaymentsForAdmin, paymentsCsv } from "./list-payments.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
let admin: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  rig = await createPaymentsRig({ ALERT_FAILURE_THRESHOLD: "3" });
  admin = await createUser(rig.app, "Ada Admin");
  await rig.app.prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
});
afterAll(async () => {
  await rig?.app.close();
});

async function adminCaller() {
  const context = await contextFor(rig.app);
  const user = await rig.app.prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
  return createCaller({
    ...context,
    session: { user, session: { id: "t", userId: user.id, createdAt: new Date() } },
  } as never);
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => errorCodeOf(error) ?? String(error),
  );

describe("admin payments history", () => {
  it("filters, pages with a cursor, and exports the same rows as CSV", async () => {
    const { app } = rig;
    const started: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const { mentee, booking } = await rig.menteeWithHold({ walletMinor: n === 0 ? 6_000 : 0 });
      started.push(
        (await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id })).paymentId,
      );
    }
    const caller = await adminCaller();
    const pending = await caller.admin.payments.list({
      status: "PENDING",
      provider: "sandbox",
      limit: 2,
    });
    expect(pending.items).toHaveLength(2);
    expect(pending.items.every((row) => row.status === "PENDING")).toBe(true);
    // Only a succeeded payment has anything to refund: the page offers no form otherwise.
    expect(pending.items.every((row) => row.refundableMinor === 0)).toBe(true);
    const next = await caller.admin.payments.list({
      status: "PENDING",
      provider: "sandbox",
      limit: 2,
      cursor: pending.nextCursor ?? undefined,
    });
    const seen = [...pending.items, ...next.items].map((row) => row.id);
    expect(new Set(seen).size).toBe(4);

    const succeeded = await caller.admin.payments.list({ status: "SUCCEEDED", limit: 50 });
    expect(succeeded.items.map((row) => row.id)).toContain(started[0]);
    const paid = succeeded.items.find((row) => row.id === started[0]);
    expect(paid?.refundableMinor).toBe((paid?.amountMinor ?? 0) - (paid?.refundedMinor ?? 0));
    expect(paid?.refundableMinor).toBeGreaterThan(0);
    const big = await caller.admin.payments.list({ minAmountMinor: 5_001, limit: 50 });
    expect(big.items).toHaveLength(0);
    const future = await caller.admin.payments.list({
      from: new Date(Date.now() + 86_400_000),
      limit: 50,
    });
    expect(future.items).toHaveLength(0);

    let csv = "";
    for await (const line of paymentsCsv(app, { status: "PENDING" })) csv += line;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,createdAt,status,/);
    expect(lines).toHaveLength(
      1 + (await app.prisma.payment.count({ where: { status: "PENDING" } })),
    );
    expect(lines.slice(1).every((line) => line.includes(",PENDING,"))).toBe(true);
  });

  it("pages by keyset through equal times, filters by part of a name or email, refuses a forged cursor", async () => {
    const { app } = rig;
    const mine: { paymentId: string; menteeId: string }[] = [];
    for (let n = 0; n < 3; n += 1) {
      const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 0 });
      const { paymentId } = await startBookingPayment(app, {
        bookingId: booking.id,
        userId: mentee.id,
      });
      mine.push({ paymentId, menteeId: mentee.id });
    }
    // Three payments at the same instant: only the id orders them, pages must not skip or repeat.
    const tie = new Date("2031-06-01T10:00:00.000Z");
    await app.prisma.payment.updateMany({
      where: { id: { in: mine.map((row) => row.paymentId) } },
      data: { createdAt: tie },
    });
    const caller = await adminCaller();
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.admin.payments.list({ from: tie, limit: 1, cursor });
      walked.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(
      mine
        .map((row) => row.paymentId)
        .sort()
        .reverse(),
    );

    const unique = `Zoë Quérie ${randomUUID().slice(0, 8)}`;
    const target = mine[1] as { paymentId: string; menteeId: string };
    await app.prisma.user.update({ where: { id: target.menteeId }, data: { name: unique } });
    const byName = await caller.admin.payments.list({
      user: unique.slice(2).toUpperCase(),
      limit: 50,
    });
    expect(byName.items.map((row) => row.id)).toEqual([target.paymentId]);
    const email = (await app.prisma.user.findUniqueOrThrow({ where: { id: target.menteeId } }))
      .email;
    const byEmail = await caller.admin.payments.list({ user: email.slice(0, 20), limit: 50 });
    expect(byEmail.items.map((row) => row.id)).toEqual([target.paymentId]);
    const byId = await caller.admin.payments.list({ user: target.menteeId, limit: 50 });
    expect(byId.items.map((row) => row.id)).toEqual([target.paymentId]);
    let csv = "";
    for await (const line of paymentsCsv(app, { user: unique })) csv += line;
    expect(
      csv
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).toEqual([target.paymentId]);

    expect(
      await codeOf(
        caller.admin.payments.list({ limit: 1, cursor: encodeCursor(["not a date", "x"]) }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(caller.admin.payments.list({ limit: 1, cursor: "forged" }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("exports by keyset exactly the rows the list shows, escaped like csvField, across pages and ties", async () => {
    const { app } = rig;
    const run = randomUUID().slice(0, 8);
    const names = [`Dupont, Jean ${run}`, `=HYPERLINK("x") ${run}`, `Line\nbreak "quoted" ${run}`];
    for (const [index, name] of names.entries()) {
      await app.prisma.user.create({
        data: { id: `${run}-${index}`, name, email: `csv-${run}-${index}@example.test` },
      });
    }
    // Seven payments, three of them at one instant (only the id orders those), with failure
    // reasons that need quoting, a formula guard, a negative-looking text, and nulls.
    const tie = new Date("2030-03-04T05:06:07.089Z");
    // Also a leading tab or CR (formula guard, then quoting), an empty text and accents.
    const reasons = [
      "card declined, twice",
      '-1 "odd"',
      "@cmd",
      null,
      "+x",
      "multi\r\nline",
      "ok",
      "\ttab",
      "\rreturn",
      "",
      "carte refusée, émetteur",
    ];
    for (const [index, failureReason] of reasons.entries()) {
      await app.prisma.payment.create({
        data: {
          userId: `${run}-${index % names.length}`,
          purpose: "TOP_UP",
          currency: "EUR",
          amountMinor: 1_000 + index,
          walletAmountMinor: 0,
          gatewayAmountMinor: 1_000 + index,
          provider: "sandbox",
          providerPaymentId: index === 3 ? null : `csv-${run}-${index}`,
          status: index % 2 === 0 ? "FAILED" : "SUCCEEDED",
          expiresAt: tie,
          failureReason,
          creditedToWallet: index === 3,
          refundedMinor: index === 1 ? 300 : 0,
          createdAt: index < 3 ? tie : new Date(tie.getTime() - index * 1_000),
        },
      });
    }
    // The oracle: every row of the admin list (Prisma objects), written with csvRow.
    const listed: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPaymentsForAdmin(app.prisma, { user: run }, { limit: 3, cursor });
      listed.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(listed).toHaveLength(reasons.length);
    for (const pageSize of [2, 11, 5_000]) {
      let csv = "";
      for await (const chunk of paymentsCsv(app, { user: run }, { pageSize })) csv += chunk;
      const header = csv.slice(0, csv.indexOf("\r\n")).split(",");
      expect(header).toHaveLength(17);
      expect(csv).toBe(
        csvRow(header) + listed.map((row) => csvRow(header.map((column) => row[column]))).join(""),
      );
      expect(csv).toContain(`"Dupont, Jean ${run}"`);
      expect(csv).toContain(`"'=HYPERLINK(""x"") ${run}"`);
      expect(csv).toContain(`"Line\nbreak ""quoted"" ${run}"`);
      expect(csv).toContain(`,"'-1 ""odd"""\r\n`);
      expect(csv).toContain(",'@cmd\r\n");
      expect(csv).toContain(`,2030-03-04T05:06:07.089Z,`);
      expect(csv).toContain(",'\ttab\r\n");
      expect(csv).toContain(`,"'\rreturn"\r\n`);
    }
    // The other filters narrow the export the same way as the list.
    let failed = "";
    const filters = { user: run, status: "FAILED", minAmountMinor: 1_002 } as const;
    for await (const chunk of paymentsCsv(app, filters, { pageSize: 1 })) failed += chunk;
    const expected = (await listPaymentsForAdmin(app.prisma, filters, { limit: 50 })).items;
    expect(expected).toHaveLength(5);
    expect(
      failed
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).toEqual(expected.map((row) => row.id));
  });

  it("exports through the join when the user filter matches more users than an id list holds", async () => {
    const { app } = rig;
    const token = `crowd${randomUUID().slice(0, 8)}`;
    // 1,001 users match the token (above USER_IDS_MAX); two of them paid. A "%" in the filter is
    // a character, not a wildcard.
    await app.prisma.$executeRaw`
      INSERT INTO "user" (id, name, email, "emailVerified", "updatedAt")
      SELECT ${token} || '-' || g, 'Crowd ' || g, ${token} || '-' || g || '@example.test', true, now()
      FROM generate_series(1, 1001) g`;
    for (const n of [7, 700]) {
      await app.prisma.payment.create({
        data: {
          userId: `${token}-${n}`,
          purpose: "TOP_UP",
          currency: "EUR",
          amountMinor: 1_000 + n,
          walletAmountMinor: 0,
          gatewayAmountMinor: 1_000 + n,
          provider: "sandbox",
          status: "PENDING",
          expiresAt: new Date(),
        },
      });
    }
    const exported = async (user: string) => {
      let csv = "";
      for await (const chunk of paymentsCsv(app, { user }, { pageSize: 1 })) csv += chunk;
      return csv
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[12]);
    };
    expect(await exported(token)).toEqual([`${token}-700`, `${token}-7`]);
    const listed = await listPaymentsForAdmin(app.prisma, { user: token }, { limit: 50 });
    expect(listed.items.map((row) => row.userId)).toEqual([`${token}-700`, `${token}-7`]);
    expect(await exported(`${token}-7@`)).toEqual([`${token}-7`]);
    expect(await exported(`${token.slice(0, 5)}%${token.slice(6)}`)).toEqual([]);
  });

  it("neutralises spreadsheet formulas and quotes separators in CSV fields", () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("Dupont, Jean")).toBe('"Dupont, Jean"');
    expect(csvField(null)).toBe("");
    expect(csvField(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
  });

  it("refunds partly with a request key that makes a double submit refund once", async () => {
    const { app } = rig;
    const { mentee, booking } = await rig.menteeWithHold({ walletMinor: 5_000 });
    const { paymentId } = await startBookingPayment(app, {
      bookingId: booking.id,
      userId: mentee.id,
    });
    const caller = await adminCaller();
    const input = { paymentId, amountMinor: 1_500, reason: "goodwill", requestKey: randomUUID() };
    const [first, second] = await Promise.all([
      caller.admin.payments.refund(input),
      caller.admin.payments.refund(input),
    ]);
    expect(first.refundedMinor).toBe(1_500);
    expect(second.refundedMinor).toBe(1_500);
    expect(await app.prisma.refund.count({ where: { paymentId } })).toBe(1);
    expect(
      await codeOf(
        caller.admin.payments.refund({ ...input, amountMinor: 4_000, requestKey: randomUUID() }),
      ),
    ).toBe("REFUND_NOT_POSSIBLE");
    expect(
      await codeOf(
        caller.admin.payments.refund({
          ...input,
          paymentId: randomUUID(),
          requestKey: randomUUID(),
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("webhook processing failures", () => {
  it("records each failure, goes DEAD after the last attempt, alerts admins, and replays", async () => {
    const { app } = rig;
    // An event for a payment we do not know: processing fails every time.
    const row = await storeEventForUnknownPayment(app);
    const alerts = vi.spyOn(app.logger, "error");
    for (let attempt = 1; attempt <= webhookMaxAttempts; attempt += 1) {
      await expect(processWebhookEvent(app, row.id, webhookEventHandlers)).rejects.toThrow(
        /no payment for sandbox/,
      );
      const after = await app.prisma.webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
      expect(after.attempts).toBe(attempt);
      expect(after.status).toBe(attempt === webhookMaxAttempts ? "DEAD" : "FAILED");
      expect(after.lastError).toMatch(/no payment for sandbox sbx_unknown/);
    }
    await vi.waitFor(() =>
      expect(alerts.mock.calls.some(([, message]) => message === "failure alert")).toBe(true),
    );
    await vi.waitFor(async () =>
      expect(
        await app.prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*)::bigint AS n FROM pgboss.job
          WHERE name = 'email.send' AND data->>'subject' LIKE '[Mentora alert]%'`,
      ).toEqual([{ n: 1n }]),
    );
    // Only the dead attempt is an event (admins are notified once, not nine times).
    expect(
      await app.prisma.domainEvent.count({
        where: { type: "webhook.failed", data: { path: ["webhookEventId"], equals: row.id } },
      }),
    ).toBe(1);
    const metrics = await app.telemetry.metrics.render();
    expect(metrics).toMatch(/mentora_webhooks_failed_total\{provider="sandbox"\} 9/);
    expect(metrics).toMatch(/mentora_webhooks_retried_total\{provider="sandbox"\} 8/);
    expect(metrics).toMatch(/mentora_webhooks_dead_lettered_total\{provider="sandbox"\} 1/);

    const caller = await adminCaller();
    const failures = await caller.admin.webhooks.list({ failuresOnly: true });
    expect(failures.items.map((item) => item.id)).toContain(row.id);
    expect(failures.items.every((item) => item.replayable)).toBe(true);
    await caller.admin.webhooks.replay({ webhookEventId: row.id });
    const replayed = await app.prisma.webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(replayed).toMatchObject({ status: "RECEIVED", attempts: 0 });
    const listed = await caller.admin.webhooks.list({ status: "RECEIVED" });
    expect(listed.items.find((item) => item.id === row.id)?.replayable).toBe(false);
    expect(await codeOf(caller.admin.webhooks.replay({ webhookEventId: row.id }))).toBe(
      "WEBHOOK_NOT_REPLAYABLE",
    );
  });
});

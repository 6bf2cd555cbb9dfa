import type { Db } from "../index.ts";

/**
 * `pnpm db:seed --scale N`: a large, consistent platform for reproducing the scale figures of
 * docs/performance.md (decision 030). N×100 approved mentors (three offerings, weekly hours),
 * N×200 mentees, N×10,000 bookings — each with its session, a settled gateway payment, the
 * ledger posting of that payment and an invoice; past sessions are completed and their earnings
 * released, and each mentor has one paid payout of what was released.
 *
 * Everything is set-based SQL over generate_series (a few statements per step, bookings in
 * chunks so the progress bar moves), with ids derived from the row number ("scale-…") so the
 * steps join without lookups. The rows follow the domain's rules: every ledger transaction sums
 * to zero with the keys the services use, invoices are numbered without gaps after the existing
 * ones, scheduled sessions of a mentor never overlap. What it does not do: no credential accounts
 * (the scale users cannot sign in), the invoice `document` is a summary (number, buyer, one line,
 * totals), not a renderable document, and no jobs are enqueued.
 */
export const scaleEmailDomain = "scale.mentora.test";

export const scalePerUnit = { mentors: 100, mentees: 200, bookings: 10_000 } as const;

/** Per booking, in minor units of EUR: the offering's option prices (60 min, 30 min). */
const prices = { long: 6_000, short: 3_500 } as const;
const feeBasisPoints = 1_500;
const gatewayId = "sandbox";
/** Bookings per INSERT batch: small enough that the bar moves, large enough to stay set-based. */
const chunk = 5_000;

export type ScaleProgress = (step: string, done: number, total: number) => void;

export type ScaleCounts = {
  mentors: number;
  mentees: number;
  bookings: number;
};

export function scaleCounts(scale: number): ScaleCounts {
  if (!Number.isInteger(scale) || scale < 1 || scale > 1_000) {
    throw new RangeError(`--scale expects a whole number from 1 to 1000, got ${scale}`);
  }
  return {
    mentors: scale * scalePerUnit.mentors,
    mentees: scale * scalePerUnit.mentees,
    bookings: scale * scalePerUnit.bookings,
  };
}

/** How many scale mentors the database already holds (0 when never seeded at scale). */
export async function existingScaleMentors(prisma: Db): Promise<number> {
  return prisma.user.count({
    where: { role: "MENTOR", email: { endsWith: `@${scaleEmailDomain}` } },
  });
}

/**
 * Seeds the scale data in one transaction (all or nothing). The caller checks the database is a
 * development one (assertSeedEnvironment) and not seeded at scale already: the ledger and the
 * invoices are append-only, so a second run cannot clear the first.
 */
export async function seedScale(
  prisma: Db,
  scale: number,
  progress: ScaleProgress = () => {},
): Promise<ScaleCounts> {
  const counts = scaleCounts(scale);
  const { mentors, mentees, bookings } = counts;
  const perMentor = bookings / mentors;
  const chunks = Math.ceil(bookings / chunk);
  const total = 5 + chunks + 3;
  let done = 0;
  const step = (name: string) => progress(name, ++done, total);

  await prisma.$transaction(
    async (tx) => {
      const run = (sql: string, ...values: unknown[]) => tx.$executeRawUnsafe(sql, ...values);
      // Triggers and constraints are all kept: nothing here bypasses a rule.
      progress("users", 0, total);
      await run(
        `INSERT INTO "user" (id, name, email, "emailVerified", role, locale, timezone, headline, bio, languages, "createdAt", "updatedAt")
         SELECT 'scale-mentor-' || i, 'Scale Mentor ' || i, 'mentor-' || i || '@${scaleEmailDomain}', true, 'MENTOR',
                (ARRAY['en','fr'])[1 + i % 2],
                (ARRAY['Europe/Paris','Africa/Tunis','America/New_York','Asia/Tokyo'])[1 + i % 4],
                'Mentor ' || i || ' · ' || (ARRAY['product','backend','design','data'])[1 + i % 4],
                'Seeded at scale for benchmarks.', ARRAY['en','fr'], now() - interval '400 days', now()
         FROM generate_series(1, $1::int) AS i`,
        mentors,
      );
      await run(
        `INSERT INTO "user" (id, name, email, "emailVerified", role, locale, timezone, "createdAt", "updatedAt")
         SELECT 'scale-mentee-' || i, 'Scale Mentee ' || i, 'mentee-' || i || '@${scaleEmailDomain}', true, 'MENTEE',
                (ARRAY['en','fr'])[1 + i % 2], 'Europe/Paris', now() - interval '400 days', now()
         FROM generate_series(1, $1::int) AS i`,
        mentees,
      );
      step("users");

      await run(
        `INSERT INTO mentor_profile ("userId", status, "acceptingBookings", "appliedAt", "decidedAt", "updatedAt")
         SELECT 'scale-mentor-' || i, 'APPROVED', true, now() - interval '400 days', now() - interval '399 days', now()
         FROM generate_series(1, $1::int) AS i`,
        mentors,
      );
      step("mentor profiles");

      // Three offerings each: two one-to-one (the first is the one booked), one group of 5.
      await run(
        `INSERT INTO offering (id, "mentorId", title, description, kind, capacity, status, "createdAt", "updatedAt")
         SELECT 'scale-offering-' || i || '-' || k, 'scale-mentor-' || i,
                (ARRAY['Career session','Code review','Group workshop'])[k], 'Seeded at scale.',
                CASE WHEN k = 3 THEN 'GROUP' ELSE 'ONE_TO_ONE' END::"OfferingKind",
                CASE WHEN k = 3 THEN 5 ELSE 1 END, 'ACTIVE', now() - interval '399 days', now()
         FROM generate_series(1, $1::int) AS i, generate_series(1, 3) AS k`,
        mentors,
      );
      await run(
        `INSERT INTO offering_option (id, "offeringId", "durationMinutes", "priceMinor", currency)
         SELECT 'scale-option-' || i || '-' || k || '-' || d, 'scale-offering-' || i || '-' || k, d,
                CASE WHEN d = 60 THEN ${prices.long} ELSE ${prices.short} END, 'EUR'
         FROM generate_series(1, $1::int) AS i, generate_series(1, 3) AS k, unnest(ARRAY[30, 60]) AS d`,
        mentors,
      );
      step("offerings");

      // Weekdays 09:00–12:00 and 14:00–18:00 in the mentor's own time zone.
      await run(
        `INSERT INTO availability_rule (id, "mentorId", weekday, "startMinute", "endMinute")
         SELECT 'scale-rule-' || i || '-' || w || '-' || s, 'scale-mentor-' || i, w, s, CASE WHEN s = 540 THEN 720 ELSE 1080 END
         FROM generate_series(1, $1::int) AS i, generate_series(1, 5) AS w, unnest(ARRAY[540, 840]) AS s`,
        mentors,
      );
      step("availability");

      // The accounts every posting below touches (created if missing: the demo may have some).
      await run(
        `INSERT INTO ledger_account (id, kind, owner, currency)
         VALUES (gen_random_uuid()::text, 'GATEWAY_CLEARING', '${gatewayId}', 'EUR'),
                (gen_random_uuid()::text, 'PLATFORM_FEES', '', 'EUR')
         ON CONFLICT (kind, owner, currency) DO NOTHING`,
      );
      await run(
        `INSERT INTO ledger_account (id, kind, owner, currency)
         SELECT 'scale-account-' || k || '-' || i, k::"LedgerAccountKind", 'scale-mentor-' || i, 'EUR'
         FROM generate_series(1, $1::int) AS i,
              unnest(ARRAY['MENTOR_PENDING','MENTOR_AVAILABLE','MENTOR_PAYOUT_RESERVED']) AS k`,
        mentors,
      );
      step("ledger accounts");

      // Booking b belongs to mentor 1 + (b-1) % mentors, its j-th (0-based) session at 10:00 UTC
      // on day j of a window that runs 80 % in the past: one session a day per mentor, so the
      // scheduled ones never overlap. Odd j books 60 minutes, even j 30.
      const bookingRows = `
        SELECT b,
               1 + (b - 1) % $3::int AS m,
               (b - 1) / $3::int AS j,
               1 + (b - 1) % $4::int AS e,
               date_trunc('day', now()) + interval '10 hours'
                 + (((b - 1) / $3::int) - floor($5::int * 0.8)::int) * interval '1 day' AS starts,
               CASE WHEN ((b - 1) / $3::int) % 2 = 1 THEN 60 ELSE 30 END AS minutes
        FROM generate_series($1::int, $2::int) AS b`;
      const common = [mentors, mentees, perMentor] as const;
      for (let index = 0; index < chunks; index++) {
        const from = index * chunk + 1;
        const to = Math.min(bookings, (index + 1) * chunk);
        const args = [from, to, ...common];
        await run(
          `INSERT INTO mentoring_session (id, "mentorId", "offeringId", "optionId", "startsAt", "endsAt", "blockedUntil", capacity, status, "createdAt", "updatedAt")
           SELECT 'scale-session-' || b, 'scale-mentor-' || m, 'scale-offering-' || m || '-1',
                  'scale-option-' || m || '-1-' || minutes, starts, starts + minutes * interval '1 minute',
                  starts + (minutes + 15) * interval '1 minute', 1,
                  CASE WHEN starts < now() THEN 'COMPLETED' ELSE 'SCHEDULED' END::"SessionStatus",
                  starts - interval '3 days', now()
           FROM (${bookingRows}) AS r`,
          ...args,
        );
        await run(
          `INSERT INTO booking (id, "sessionId", "menteeId", status, "offeringTitle", "durationMinutes", "priceMinor", currency, "confirmedAt", "createdAt", "updatedAt")
           SELECT 'scale-booking-' || b, 'scale-session-' || b, 'scale-mentee-' || e,
                  CASE WHEN starts < now() THEN 'COMPLETED' ELSE 'CONFIRMED' END::"BookingStatus",
                  'Career session', minutes, CASE WHEN minutes = 60 THEN ${prices.long} ELSE ${prices.short} END, 'EUR',
                  starts - interval '3 days', starts - interval '3 days', now()
           FROM (${bookingRows}) AS r`,
          ...args,
        );
        await run(
          `INSERT INTO payment (id, "userId", purpose, "bookingId", "mentorId", "feeBasisPoints", currency, "amountMinor", "walletAmountMinor", "gatewayAmountMinor", provider, "providerPaymentId", status, "expiresAt", "closedAt", "createdAt", "updatedAt")
           SELECT 'scale-payment-' || b, 'scale-mentee-' || e, 'BOOKING', 'scale-booking-' || b, 'scale-mentor-' || m,
                  ${feeBasisPoints}, 'EUR', p, 0, p, '${gatewayId}', 'scale-' || b, 'SUCCEEDED',
                  starts - interval '3 days' + interval '30 minutes', starts - interval '3 days', starts - interval '3 days', now()
           FROM (SELECT r.*, CASE WHEN minutes = 60 THEN ${prices.long} ELSE ${prices.short} END AS p FROM (${bookingRows}) AS r) AS r`,
          ...args,
        );
        // settleGatewayPayment: clearing −price, mentor pending +(price − fee), platform +fee.
        await run(
          `INSERT INTO ledger_transaction (id, kind, "idempotencyKey", "paymentId", "bookingId", "createdAt")
           SELECT 'scale-tx-pay-' || b, 'PAYMENT', 'payment:scale-payment-' || b || ':settle',
                  'scale-payment-' || b, 'scale-booking-' || b, starts - interval '3 days'
           FROM (${bookingRows}) AS r`,
          ...args,
        );
        await run(
          `INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor")
           SELECT 'scale-entry-pay-' || b || '-' || x.n, 'scale-tx-pay-' || b, x.account, 'EUR', x.amount
           FROM (SELECT r.*, CASE WHEN minutes = 60 THEN ${prices.long} ELSE ${prices.short} END AS p FROM (${bookingRows}) AS r) AS r
           CROSS JOIN LATERAL (
             SELECT ((p::bigint * ${feeBasisPoints} + 5000) / 10000) AS fee
           ) AS f
           CROSS JOIN LATERAL (VALUES
             (1, (SELECT id FROM ledger_account WHERE kind = 'GATEWAY_CLEARING' AND owner = '${gatewayId}' AND currency = 'EUR'), -p::bigint),
             (2, 'scale-account-MENTOR_PENDING-' || m, p::bigint - f.fee),
             (3, (SELECT id FROM ledger_account WHERE kind = 'PLATFORM_FEES' AND owner = '' AND currency = 'EUR'), f.fee)
           ) AS x(n, account, amount)
           WHERE x.amount <> 0`,
          ...args,
        );
        // Completed sessions: releaseEarnings, pending → available.
        await run(
          `INSERT INTO ledger_transaction (id, kind, "idempotencyKey", "bookingId", "createdAt")
           SELECT 'scale-tx-rel-' || b, 'EARNINGS_RELEASE', 'earnings:scale-booking-' || b || ':release',
                  'scale-booking-' || b, starts + interval '1 day'
           FROM (${bookingRows}) AS r WHERE starts < now()`,
          ...args,
        );
        await run(
          `INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor")
           SELECT 'scale-entry-rel-' || b || '-' || x.n, 'scale-tx-rel-' || b, x.account, 'EUR', x.amount
           FROM (SELECT r.*, CASE WHEN minutes = 60 THEN ${prices.long} ELSE ${prices.short} END AS p FROM (${bookingRows}) AS r) AS r
           CROSS JOIN LATERAL (SELECT p::bigint - (p::bigint * ${feeBasisPoints} + 5000) / 10000 AS net) AS f
           CROSS JOIN LATERAL (VALUES
             (1, 'scale-account-MENTOR_PENDING-' || m, -f.net),
             (2, 'scale-account-MENTOR_AVAILABLE-' || m, f.net)
           ) AS x(n, account, amount)
           WHERE starts < now()`,
          ...args,
        );
        step(`bookings ${to.toLocaleString("en")}/${bookings.toLocaleString("en")}`);
      }

      // One invoice per payment, numbered F-<year>-<seq> after whatever the counter already
      // gave, in issue order; then the counters move to the last number given.
      await run(
        `WITH issued AS (
           SELECT p.id AS payment_id, p."userId", p."amountMinor", p."closedAt" AS issued_at, p."bookingId",
                  extract(year FROM p."closedAt" AT TIME ZONE 'UTC')::int AS year
           FROM payment p WHERE p.id LIKE 'scale-payment-%'
         ), numbered AS (
           SELECT i.*, coalesce(c.last, 0)
                    + row_number() OVER (PARTITION BY i.year ORDER BY i.issued_at, i.payment_id) AS seq
           FROM issued i LEFT JOIN invoice_counter c ON c.series = 'F' AND c.year = i.year
         )
         INSERT INTO invoice (id, kind, series, year, sequence, number, "issuedAt", document, "ownerId", currency, "totalMinor", "paymentId", "retentionUntil", "createdAt")
         SELECT 'scale-invoice-' || payment_id, 'INVOICE', 'F', year, seq,
                'F-' || year || '-' || lpad(seq::text, 6, '0'), issued_at,
                jsonb_build_object(
                  'kind', 'invoice', 'number', 'F-' || year || '-' || lpad(seq::text, 6, '0'),
                  'issuedAt', to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'locale', 'en',
                  'buyer', jsonb_build_object('name', 'Scale Mentee'), 'currency', 'EUR', 'currencyExponent', 2,
                  'lines', jsonb_build_array(jsonb_build_object('description', 'Career session', 'quantity', 1,
                    'unitPriceMinor', "amountMinor", 'vatRateBasisPoints', 0, 'totalExclMinor', "amountMinor")),
                  'totals', jsonb_build_object('exclMinor', "amountMinor", 'vatByRate', '[]'::jsonb, 'inclMinor', "amountMinor"),
                  'seeded', true),
                "userId", 'EUR', "amountMinor", payment_id, issued_at + interval '10 years', issued_at
         FROM numbered`,
      );
      await run(
        `INSERT INTO invoice_counter (series, year, last)
         SELECT 'F', year, max(sequence) FROM invoice WHERE series = 'F' GROUP BY year
         ON CONFLICT (series, year) DO UPDATE SET last = excluded.last`,
      );
      step("invoices");

      // One paid payout per mentor of everything released: available → reserved → clearing.
      await run(
        `INSERT INTO payout (id, "mentorId", currency, "amountMinor", method, destination, "gatewayId", "gatewayKey", "providerPayoutId", status, reserved, attempts, "approvedAt", "processingAt", "paidAt", reference, "createdAt", "updatedAt")
         SELECT 'scale-payout-' || a.owner, a.owner, 'EUR', sum(e."amountMinor")::int, 'SANDBOX',
                jsonb_build_object('account', 'sandbox-' || a.owner), '${gatewayId}', 'payout:scale-payout-' || a.owner,
                'scale-po-' || a.owner, 'PAID', false, 1, now() - interval '2 hours', now() - interval '2 hours', now() - interval '1 hour',
                'scale-po-' || a.owner, now() - interval '3 hours', now()
         FROM ledger_account a JOIN ledger_entry e ON e."accountId" = a.id
         WHERE a.id LIKE 'scale-account-MENTOR_AVAILABLE-%'
         GROUP BY a.owner HAVING sum(e."amountMinor") > 0`,
      );
      await run(
        `INSERT INTO ledger_transaction (id, kind, "idempotencyKey", "createdAt")
         SELECT 'scale-tx-po-' || k || '-' || p.id, k::"LedgerTransactionKind",
                CASE WHEN k = 'PAYOUT' THEN 'payout:' || p.id || ':paid' ELSE 'payout:' || p.id || ':reserve:1' END,
                CASE WHEN k = 'PAYOUT' THEN p."paidAt" ELSE p."createdAt" END
         FROM payout p, unnest(ARRAY['PAYOUT_RESERVE','PAYOUT']) AS k WHERE p.id LIKE 'scale-payout-%'`,
      );
      await run(
        `INSERT INTO ledger_entry (id, "transactionId", "accountId", currency, "amountMinor")
         SELECT 'scale-entry-po-' || x.n || '-' || p.id, x.tx, x.account, 'EUR', x.amount
         FROM (SELECT *, replace("mentorId", 'scale-mentor-', '') AS m FROM payout) AS p
         CROSS JOIN LATERAL (VALUES
           (1, 'scale-tx-po-PAYOUT_RESERVE-' || p.id, 'scale-account-MENTOR_AVAILABLE-' || p.m, -p."amountMinor"::bigint),
           (2, 'scale-tx-po-PAYOUT_RESERVE-' || p.id, 'scale-account-MENTOR_PAYOUT_RESERVED-' || p.m, p."amountMinor"::bigint),
           (3, 'scale-tx-po-PAYOUT-' || p.id, 'scale-account-MENTOR_PAYOUT_RESERVED-' || p.m, -p."amountMinor"::bigint),
           (4, 'scale-tx-po-PAYOUT-' || p.id,
              (SELECT id FROM ledger_account WHERE kind = 'GATEWAY_CLEARING' AND owner = '${gatewayId}' AND currency = 'EUR'),
              p."amountMinor"::bigint)
         ) AS x(n, tx, account, amount)
         WHERE p.id LIKE 'scale-payout-%'`,
      );
      step("payouts");

      await run("ANALYZE");
      step("analyze");
    },
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
  return counts;
}

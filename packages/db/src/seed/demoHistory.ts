import type { Prisma } from "../index.ts";
import { catalog, catalogEmail } from "./demoCatalog.ts";
import { answerTexts, type ReviewLanguage, reviewTexts } from "./demoReviewTexts.ts";
import { historyMentees } from "./demoUsers.ts";

/**
 * The demo history (issue #18): so every dashboard has something to show, the directory's
 * mentors (mentor3…mentor40, never the five featured accounts) get past one-to-one sessions with
 * the history mentees, each attended (video room ATTENDED, both in the call), completed, paid
 * through the sandbox gateway with its ledger posting (and released when older than the 48 h
 * hold), invoiced, and most of them reviewed (en/fr/es, some answered); a few mentors were paid
 * out (statement included). Recent sessions are left unreviewed: their mentee sees "Rate your
 * session".
 *
 * The rows follow the domain's rules the way `--scale` does (decision 030): every ledger
 * transaction sums to zero with the services' keys, invoices and statements are numbered without
 * gaps after the existing ones and their documents pass @mentora/invoice-pdf's checks, the
 * mentors' rating aggregate equals their visible reviews. Runs once: skipped when the history is
 * there, or when the database already has invoices (numbers must follow issue dates).
 */
export async function seedDemoHistory(tx: Prisma.TransactionClient, now = new Date()) {
  const done = await tx.booking.count({ where: { id: { startsWith: idPrefix } } });
  if (done > 0) return { seeded: false as const };
  if ((await tx.invoice.count()) > 0) return { seeded: false as const };

  const mentors = await tx.user.findMany({
    where: { email: { in: catalog.map((entry) => catalogEmail(entry.n)) } },
    select: {
      id: true,
      email: true,
      name: true,
      languages: true,
      offerings: {
        where: { status: "ACTIVE", kind: "ONE_TO_ONE" },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          title: true,
          options: {
            where: { archivedAt: null },
            orderBy: { durationMinutes: "asc" },
            select: { id: true, durationMinutes: true, priceMinor: true, currency: true },
          },
        },
      },
    },
    orderBy: { email: "asc" },
  });
  const mentees = await tx.user.findMany({
    where: { id: { in: historyMentees.map((mentee) => mentee.id as string) } },
    select: { id: true, name: true, email: true, locale: true },
    orderBy: { id: "asc" },
  });
  if (mentees.length === 0) return { seeded: false as const };

  const plan = planHistory(mentors, mentees, now);
  await writeSessions(tx, plan);
  await writeMoney(tx, plan, now);
  await writeReviews(tx, plan);
  return { seeded: true as const, bookings: plan.length };
}

/**
 * The arithmetic of @mentora/invoice-pdf's documents for one line (this package stays below
 * invoice-pdf; a core test checks every seeded document with its validator and renders them):
 * a VAT-inclusive price splits into base = price ÷ (1 + rate) rounded half-up, VAT = the rest.
 */
const halfUp = (numerator: bigint, denominator: bigint) =>
  Number((numerator * 2n + denominator) / (denominator * 2n));

function inclusiveTotals(inclMinor: number, rateBasisPoints: number) {
  const baseMinor = halfUp(BigInt(inclMinor) * 10_000n, 10_000n + BigInt(rateBasisPoints));
  const vatMinor = inclMinor - baseMinor;
  // The exact rule (VAT of the base) cannot always give the price paid: then it is flagged.
  const exactVat = halfUp(BigInt(baseMinor) * BigInt(rateBasisPoints), 10_000n);
  return {
    baseMinor,
    totals: {
      exclMinor: baseMinor,
      vatByRate: [{ rateBasisPoints, baseMinor, vatMinor }],
      inclMinor,
    },
    inclusive: exactVat !== vatMinor,
  };
}

type Json = Record<string, unknown>;

const idPrefix = "demo-history-";
const DAY = 24 * 3_600_000;
const feeBasisPoints = 1_500;
const gatewayId = "sandbox";
const vatRateBasisPoints = 2_000;
/** The development seller (invoices/config.ts): visibly fake, as every development invoice. */
const demoSeller = {
  legalName: "DEMO Mentora Exemple SAS (not a real company)",
  legalForm: "SAS",
  addressLines: ["1 rue de la Démo", "75000 Paris", "France"],
  siren: "000 000 000",
  siret: "000 000 000 00000",
  rcs: "RCS Démo 000 000 000",
  shareCapital: "1 000 €",
  vatNumber: "FR00000000000",
  email: "billing@mentora.localhost",
};
const exponents: Record<string, number> = { EUR: 2, USD: 2, TND: 3 };

type Mentor = {
  id: string;
  email: string;
  name: string;
  languages: string[];
  offerings: {
    id: string;
    title: string;
    options: { id: string; durationMinutes: number; priceMinor: number; currency: string }[];
  }[];
};
type Mentee = { id: string; name: string; email: string; locale: string | null };

type Planned = {
  id: string;
  mentor: Mentor;
  mentee: Mentee;
  offering: { id: string; title: string };
  option: { id: string; durationMinutes: number; priceMinor: number; currency: string };
  startsAt: Date;
  endsAt: Date;
  review: { rating: number; text: string | null; answer: string | null; at: Date } | null;
};

/** Who met whom, when, and what they wrote: deterministic, so every machine gets the same demo. */
function planHistory(mentors: Mentor[], mentees: Mentee[], now: Date): Planned[] {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const planned: Planned[] = [];
  mentors.forEach((mentor, i) => {
    const offering = mentor.offerings.find((candidate) => candidate.options.length > 0);
    const option = offering?.options[0];
    if (!offering || !option) return;
    const language: ReviewLanguage =
      (mentor.languages.find((code) => code === "en" || code === "fr" || code === "es") as
        | ReviewLanguage
        | undefined) ?? "en";
    const sessions = 2 + ((i * 7) % 5);
    for (let j = 0; j < sessions; j++) {
      const daysAgo = 1 + j * 9 + (i % 7);
      const startsAt = new Date(midnight - daysAgo * DAY + (8 + (i % 10)) * 3_600_000);
      const endsAt = new Date(startsAt.getTime() + option.durationMinutes * 60_000);
      if (endsAt.getTime() > now.getTime() - 3_600_000) continue;
      const mentee = mentees[(i * 3 + j) % mentees.length] as Mentee;
      const reviewed = (i + j) % 4 !== 3 && daysAgo > 1;
      const rating = [5, 5, 4, 5, 3, 4, 5, 2, 4, 5][(i * 5 + j * 3) % 10] as number;
      const tone = rating >= 4 ? "high" : rating === 3 ? "mid" : "low";
      const pool = reviewTexts[language][tone];
      const text = (i + j) % 5 === 4 ? null : (pool[(i + j * 2) % pool.length] as string);
      const answers = answerTexts[language];
      const at = new Date(Math.min(endsAt.getTime() + (1 + ((i + j) % 3)) * DAY, now.getTime()));
      planned.push({
        id: `${idPrefix}${String(i).padStart(2, "0")}-${j}`,
        mentor,
        mentee,
        offering,
        option,
        startsAt,
        endsAt,
        review: reviewed
          ? {
              rating,
              text,
              answer:
                (i + j) % 3 === 0 && text
                  ? (answers[rating >= 4 ? (i + j) % 2 : 2] as string)
                  : null,
              at,
            }
          : null,
      });
    }
  });
  return planned;
}

async function writeSessions(tx: Prisma.TransactionClient, plan: Planned[]) {
  await tx.mentoringSession.createMany({
    data: plan.map((row) => ({
      id: `${row.id}-session`,
      mentorId: row.mentor.id,
      offeringId: row.offering.id,
      optionId: row.option.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      blockedUntil: row.endsAt,
      capacity: 1,
      status: "COMPLETED" as const,
      createdAt: new Date(row.startsAt.getTime() - 3 * DAY),
    })),
  });
  await tx.booking.createMany({
    data: plan.map((row) => ({
      id: row.id,
      sessionId: `${row.id}-session`,
      menteeId: row.mentee.id,
      status: "COMPLETED" as const,
      offeringTitle: row.offering.title,
      durationMinutes: row.option.durationMinutes,
      priceMinor: row.option.priceMinor,
      currency: row.option.currency,
      confirmedAt: new Date(row.startsAt.getTime() - 2 * DAY),
      createdAt: new Date(row.startsAt.getTime() - 2 * DAY),
    })),
  });
  // The attendance record as the close-room job writes it: both were in the call.
  await tx.videoRoom.createMany({
    data: plan.map((row) => ({
      sessionId: `${row.id}-session`,
      provider: "local",
      roomSid: `RM-${row.id}`,
      uniqueName: `session-${row.id}`,
      type: "go",
      maxParticipants: 2,
      state: "COMPLETED" as const,
      verdict: "ATTENDED" as const,
      createdAt: new Date(row.startsAt.getTime() - 10 * 60_000),
      completedAt: new Date(row.endsAt.getTime() + 10 * 60_000),
    })),
  });
  await tx.videoConnection.createMany({
    data: plan.flatMap((row) =>
      [row.mentor.id, row.mentee.id].map((userId, index) => ({
        sessionId: `${row.id}-session`,
        userId,
        roomSid: `RM-${row.id}`,
        participantSid: `PA-${row.id}-${index}`,
        connectedAt: new Date(row.startsAt.getTime() + index * 60_000),
        disconnectedAt: new Date(row.endsAt.getTime() - 60_000),
        durationSeconds:
          Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 1000) - 60 - index * 60,
      })),
    ),
  });
  await tx.sessionCompletion.createMany({
    data: plan.map((row) => ({
      sessionId: `${row.id}-session`,
      reason: "attendance:ATTENDED",
      completedAt: new Date(row.endsAt.getTime() + 10 * 60_000),
    })),
  });
}

const feeOf = (amountMinor: number) =>
  Number((BigInt(amountMinor) * BigInt(feeBasisPoints) + 5_000n) / 10_000n);

/** An entry's account, created on first use (one per kind, owner and currency). */
async function accountIds(
  tx: Prisma.TransactionClient,
  wanted: { kind: AccountKind; owner: string; currency: string }[],
) {
  const key = (a: { kind: string; owner: string; currency: string }) =>
    `${a.kind}|${a.owner}|${a.currency}`;
  const unique = [...new Map(wanted.map((a) => [key(a), a])).values()];
  await tx.ledgerAccount.createMany({ data: unique, skipDuplicates: true });
  const rows = await tx.ledgerAccount.findMany({
    where: { OR: unique.map((a) => ({ kind: a.kind, owner: a.owner, currency: a.currency })) },
    select: { id: true, kind: true, owner: true, currency: true },
  });
  const ids = new Map(rows.map((row) => [key(row), row.id]));
  return (kind: AccountKind, owner: string, currency: string) =>
    ids.get(key({ kind, owner, currency })) as string;
}

type AccountKind =
  | "GATEWAY_CLEARING"
  | "PLATFORM_FEES"
  | "MENTOR_PENDING"
  | "MENTOR_AVAILABLE"
  | "MENTOR_PAYOUT_RESERVED";

type Posting = {
  id: string;
  kind: "PAYMENT" | "EARNINGS_RELEASE" | "PAYOUT_RESERVE" | "PAYOUT";
  idempotencyKey: string;
  paymentId?: string;
  bookingId?: string;
  createdAt: Date;
  entries: { accountId: string; currency: string; amountMinor: number }[];
};

/**
 * Payments, their ledger postings (settle; release after the 48 h hold), invoices, and a paid
 * payout (with its statement) of everything released for one mentor in six.
 */
async function writeMoney(tx: Prisma.TransactionClient, plan: Planned[], now: Date) {
  const paid = plan.filter((row) => row.option.priceMinor > 0);
  const mentorIds = [...new Set(paid.map((row) => row.mentor.id))];
  const currencies = [...new Set(paid.map((row) => row.option.currency))];
  const account = await accountIds(tx, [
    ...currencies.flatMap((currency) => [
      { kind: "GATEWAY_CLEARING" as const, owner: gatewayId, currency },
      { kind: "PLATFORM_FEES" as const, owner: "", currency },
    ]),
    ...paid.flatMap((row) =>
      (["MENTOR_PENDING", "MENTOR_AVAILABLE", "MENTOR_PAYOUT_RESERVED"] as const).map((kind) => ({
        kind,
        owner: row.mentor.id,
        currency: row.option.currency,
      })),
    ),
  ]);

  const paidAt = (row: Planned) => new Date(row.startsAt.getTime() - 2 * DAY);
  await tx.payment.createMany({
    data: paid.map((row) => ({
      id: `${row.id}-payment`,
      userId: row.mentee.id,
      purpose: "BOOKING" as const,
      bookingId: row.id,
      mentorId: row.mentor.id,
      feeBasisPoints,
      currency: row.option.currency,
      amountMinor: row.option.priceMinor,
      walletAmountMinor: 0,
      gatewayAmountMinor: row.option.priceMinor,
      provider: gatewayId,
      providerPaymentId: `${row.id}-payment`,
      status: "SUCCEEDED" as const,
      expiresAt: new Date(paidAt(row).getTime() + 30 * 60_000),
      closedAt: paidAt(row),
      createdAt: paidAt(row),
    })),
  });

  const postings: Posting[] = [];
  const released = new Map<string, number>();
  for (const row of paid) {
    const { currency, priceMinor } = row.option;
    const fee = feeOf(priceMinor);
    const net = priceMinor - fee;
    postings.push({
      id: `${row.id}-tx-settle`,
      kind: "PAYMENT",
      idempotencyKey: `payment:${row.id}-payment:settle`,
      paymentId: `${row.id}-payment`,
      bookingId: row.id,
      createdAt: paidAt(row),
      entries: [
        {
          accountId: account("GATEWAY_CLEARING", gatewayId, currency),
          currency,
          amountMinor: -priceMinor,
        },
        {
          accountId: account("MENTOR_PENDING", row.mentor.id, currency),
          currency,
          amountMinor: net,
        },
        { accountId: account("PLATFORM_FEES", "", currency), currency, amountMinor: fee },
      ],
    });
    const releaseAt = new Date(row.endsAt.getTime() + 2 * DAY);
    if (releaseAt < now) {
      postings.push({
        id: `${row.id}-tx-release`,
        kind: "EARNINGS_RELEASE",
        idempotencyKey: `earnings:${row.id}:release`,
        bookingId: row.id,
        createdAt: releaseAt,
        entries: [
          {
            accountId: account("MENTOR_PENDING", row.mentor.id, currency),
            currency,
            amountMinor: -net,
          },
          {
            accountId: account("MENTOR_AVAILABLE", row.mentor.id, currency),
            currency,
            amountMinor: net,
          },
        ],
      });
      const key = `${row.mentor.id}|${currency}`;
      released.set(key, (released.get(key) ?? 0) + net);
    }
  }

  // One mentor in six was paid out everything released so far, an hour ago.
  const payouts = [...released.entries()]
    .filter(([key]) => mentorIds.indexOf(key.split("|")[0] as string) % 6 === 0)
    .map(([key, amountMinor]) => {
      const [mentorId, currency] = key.split("|") as [string, string];
      const id = `${idPrefix}payout-${mentorIds.indexOf(mentorId)}-${currency}`;
      return { id, mentorId, currency, amountMinor, paidAt: new Date(now.getTime() - 3_600_000) };
    })
    .filter((payout) => payout.amountMinor > 0);
  await tx.payout.createMany({
    data: payouts.map((payout) => ({
      id: payout.id,
      mentorId: payout.mentorId,
      currency: payout.currency,
      amountMinor: payout.amountMinor,
      method: "SANDBOX" as const,
      destination: { account: `sandbox-${payout.mentorId}` },
      gatewayId,
      gatewayKey: `payout:${payout.id}`,
      providerPayoutId: `${payout.id}-po`,
      status: "PAID" as const,
      reserved: false,
      attempts: 1,
      approvedAt: new Date(payout.paidAt.getTime() - 3_600_000),
      processingAt: new Date(payout.paidAt.getTime() - 1_800_000),
      paidAt: payout.paidAt,
      reference: `${payout.id}-po`,
      createdAt: new Date(payout.paidAt.getTime() - 2 * 3_600_000),
    })),
  });
  for (const payout of payouts) {
    const { currency, amountMinor, mentorId } = payout;
    postings.push(
      {
        id: `${payout.id}-tx-reserve`,
        kind: "PAYOUT_RESERVE",
        idempotencyKey: `payout:${payout.id}:reserve:1`,
        createdAt: new Date(payout.paidAt.getTime() - 2 * 3_600_000),
        entries: [
          {
            accountId: account("MENTOR_AVAILABLE", mentorId, currency),
            currency,
            amountMinor: -amountMinor,
          },
          {
            accountId: account("MENTOR_PAYOUT_RESERVED", mentorId, currency),
            currency,
            amountMinor,
          },
        ],
      },
      {
        id: `${payout.id}-tx-paid`,
        kind: "PAYOUT",
        idempotencyKey: `payout:${payout.id}:paid`,
        createdAt: payout.paidAt,
        entries: [
          {
            accountId: account("MENTOR_PAYOUT_RESERVED", mentorId, currency),
            currency,
            amountMinor: -amountMinor,
          },
          { accountId: account("GATEWAY_CLEARING", gatewayId, currency), currency, amountMinor },
        ],
      },
    );
  }
  await tx.ledgerTransaction.createMany({
    data: postings.map(({ entries: _entries, ...posting }) => posting),
  });
  await tx.ledgerEntry.createMany({
    data: postings.flatMap((posting) =>
      posting.entries
        .filter((entry) => entry.amountMinor !== 0)
        .map((entry, index) => ({
          id: `${posting.id}-${index}`,
          transactionId: posting.id,
          accountId: entry.accountId,
          currency: entry.currency,
          amountMinor: BigInt(entry.amountMinor),
        })),
    ),
  });

  await writeDocuments(tx, paid, payouts, mentorsById(plan));
}

const mentorsById = (plan: Planned[]) => new Map(plan.map((row) => [row.mentor.id, row.mentor]));

/**
 * The invoices (series F) of the payments and the statements (series R) of the payouts, each
 * numbered after its series' counter in issue order, and the counters moved to the last number.
 */
async function writeDocuments(
  tx: Prisma.TransactionClient,
  paid: Planned[],
  payouts: { id: string; mentorId: string; currency: string; amountMinor: number; paidAt: Date }[],
  mentors: Map<string, Mentor>,
) {
  type Issue = {
    series: "F" | "R";
    issuedAt: Date;
    ownerId: string;
    currency: string;
    totalMinor: number;
    paymentId?: string;
    payoutId?: string;
    build: (number: string) => Json;
  };
  const issues: Issue[] = [
    ...paid.map((row): Issue => {
      const issuedAt = new Date(row.startsAt.getTime() - 2 * DAY + 60_000);
      return {
        series: "F",
        issuedAt,
        ownerId: row.mentee.id,
        currency: row.option.currency,
        totalMinor: row.option.priceMinor,
        paymentId: `${row.id}-payment`,
        build: (number) => invoiceOf(row, number, issuedAt),
      };
    }),
    ...payouts.map(
      (payout): Issue => ({
        series: "R",
        issuedAt: payout.paidAt,
        ownerId: payout.mentorId,
        currency: payout.currency,
        totalMinor: payout.amountMinor,
        payoutId: payout.id,
        build: (number) => statementOf(payout, mentors.get(payout.mentorId) as Mentor, number),
      }),
    ),
  ].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());

  const counters = new Map(
    (await tx.invoiceCounter.findMany()).map((row) => [`${row.series}|${row.year}`, row.last]),
  );
  const rows = issues.map((issue) => {
    const year = issue.issuedAt.getUTCFullYear();
    const key = `${issue.series}|${year}`;
    const sequence = (counters.get(key) ?? 0) + 1;
    counters.set(key, sequence);
    const number = `${issue.series}-${year}-${String(sequence).padStart(6, "0")}`;
    const document = issue.build(number);
    const retentionUntil = new Date(issue.issuedAt);
    retentionUntil.setUTCFullYear(retentionUntil.getUTCFullYear() + 10);
    return {
      id: `${idPrefix}invoice-${issue.series}-${year}-${sequence}`,
      kind: issue.series === "F" ? ("INVOICE" as const) : ("PAYOUT_STATEMENT" as const),
      series: issue.series,
      year,
      sequence,
      number,
      issuedAt: issue.issuedAt,
      document: JSON.parse(JSON.stringify(document)) as Prisma.InputJsonValue,
      ownerId: issue.ownerId,
      currency: issue.currency,
      totalMinor: issue.totalMinor,
      paymentId: issue.paymentId ?? null,
      payoutId: issue.payoutId ?? null,
      retentionUntil,
      createdAt: issue.issuedAt,
    };
  });
  await tx.invoice.createMany({ data: rows });
  for (const [key, last] of counters) {
    const [series, year] = key.split("|") as [string, string];
    await tx.invoiceCounter.upsert({
      where: { series_year: { series, year: Number(year) } },
      create: { series, year: Number(year), last },
      update: { last },
    });
  }
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const localeOf = (locale: string | null) => (locale === "en" ? "en" : "fr") as "en" | "fr";

function invoiceOf(row: Planned, number: string, issuedAt: Date): Json {
  const locale = localeOf(row.mentee.locale);
  const minutes = row.option.durationMinutes;
  const description =
    locale === "en"
      ? `Mentoring session “${row.offering.title}” (${minutes} min) with ${row.mentor.name}`
      : `Séance de mentorat « ${row.offering.title} » (${minutes} min) avec ${row.mentor.name}`;
  const { baseMinor, totals, inclusive } = inclusiveTotals(
    row.option.priceMinor,
    vatRateBasisPoints,
  );
  const line = {
    description,
    date: row.startsAt.toISOString(),
    vatRateBasisPoints,
    quantity: 1,
    unitPriceMinor: baseMinor,
    totalExclMinor: baseMinor,
  };
  const paidAt = new Date(row.startsAt.getTime() - 2 * DAY);
  return {
    kind: "invoice",
    number,
    issuedAt: issuedAt.toISOString(),
    serviceDate: isoDate(row.startsAt),
    locale,
    seller: demoSeller,
    buyer: {
      name: row.mentee.name,
      addressLines: [locale === "en" ? "Address not provided" : "Adresse non communiquée"],
      email: row.mentee.email,
    },
    lines: [line],
    currency: row.option.currency,
    currencyExponent: exponents[row.option.currency] ?? 2,
    totals,
    ...(inclusive ? { vatIncludedInPrices: true } : {}),
    payment: {
      status: "paid",
      method: locale === "en" ? "Online payment (sandbox)" : "Paiement en ligne (sandbox)",
      paidAt: paidAt.toISOString(),
      reference: `${row.id}-payment`,
    },
    paymentTerms: { dueDate: isoDate(paidAt) },
    references: { bookingId: row.id, sessionDate: isoDate(row.startsAt) },
  };
}

function statementOf(
  payout: { id: string; currency: string; amountMinor: number; paidAt: Date },
  mentor: Mentor,
  number: string,
): Json {
  const locale = "fr" as const;
  const lines = [
    {
      description: "Gains des séances versés",
      quantity: 1,
      unitPriceMinor: payout.amountMinor,
      vatRateBasisPoints: 0,
      totalExclMinor: payout.amountMinor,
    },
  ];
  const totals = {
    exclMinor: payout.amountMinor,
    vatByRate: [{ rateBasisPoints: 0, baseMinor: payout.amountMinor, vatMinor: 0 }],
    inclMinor: payout.amountMinor,
  };
  return {
    kind: "payout_statement",
    number,
    issuedAt: payout.paidAt.toISOString(),
    locale,
    seller: demoSeller,
    buyer: { name: mentor.name, addressLines: ["Adresse non communiquée"], email: mentor.email },
    lines,
    currency: payout.currency,
    currencyExponent: exponents[payout.currency] ?? 2,
    totals,
    payment: {
      status: "paid",
      method: "Sandbox (test, aucun argent versé)",
      reference: `${payout.id}-po`,
      paidAt: payout.paidAt.toISOString(),
    },
    payout: { feeMinor: 0, netMinor: totals.inclMinor, reference: `${payout.id}-po` },
  };
}

/** The reviews, and each mentor's aggregate recomputed from their visible reviews. */
async function writeReviews(tx: Prisma.TransactionClient, plan: Planned[]) {
  const reviewed = plan.filter((row) => row.review);
  await tx.review.createMany({
    data: reviewed.map((row) => {
      const review = row.review as NonNullable<Planned["review"]>;
      return {
        id: `${row.id}-review`,
        bookingId: row.id,
        sessionId: `${row.id}-session`,
        mentorId: row.mentor.id,
        authorId: row.mentee.id,
        rating: review.rating,
        text: review.text,
        answer: review.answer,
        answeredAt: review.answer ? new Date(review.at.getTime() + 3_600_000) : null,
        createdAt: review.at,
      };
    }),
  });
  await tx.$executeRaw`
    UPDATE mentor_profile p
    SET "ratingCount" = a.count, "ratingSum" = a.sum
    FROM (SELECT "mentorId", count(*)::int AS count, sum(rating)::int AS sum
          FROM review WHERE hidden = false GROUP BY "mentorId") AS a
    WHERE p."userId" = a."mentorId"`;
}

import { renderAccountDeleted } from "@mentora/email";
import { isLocale } from "@mentora/i18n";
import { verifyPassword } from "better-auth/crypto";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { writeAudit } from "../audit/index.ts";
import { isFreshSession } from "../auth/index.ts";
import { avatarKey, avatarSizes } from "../avatars/index.ts";
import {
  cancelBookingByMentee,
  cancelSessionByMentor,
  liveBookingStatuses,
} from "../bookings/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { enqueue } from "../jobs/define.ts";
import { ledgerTransactionOptions } from "../ledger/index.ts";
import { deleteUnreferencedAttachments, eraseMessagesOf } from "../messages/index.ts";
import { eraseReviewsOf } from "../reviews/index.ts";

const HOUR = 3_600_000;

/** Why an account cannot be deleted yet; each comes with what the person can do about it. */
export type DeletionBlocker =
  | { reason: "WALLET_BALANCE"; currency: string; amountMinor: number }
  | { reason: "EARNINGS_UNPAID"; currency: string; amountMinor: number }
  | { reason: "BOOKING_TOO_SOON"; bookingId: string; startsAt: string };

const moneyKinds = [
  "USER_WALLET",
  "USER_WALLET_RESERVED",
  "MENTOR_PENDING",
  "MENTOR_AVAILABLE",
  "MENTOR_PAYOUT_RESERVED",
  // A share frozen by an open chargeback: the dispute decides first.
  "MENTOR_FROZEN",
] as const;

/**
 * Checks the person is who they say: the current password when they have one, else a sign-in
 * younger than FRESH_SESSION_MINUTES (Google-only accounts have no password to ask for). Password
 * guesses count in the sign-in lockout of the address and the IP: a stolen session cannot
 * guess here faster than on the sign-in page.
 */
export async function assertReauthenticated(
  services: AppServices,
  input: {
    userId: string;
    email: string;
    ip: string | null;
    password?: string;
    sessionCreatedAt: Date;
  },
  now = new Date(),
): Promise<void> {
  const credential = await services.prisma.account.findFirst({
    where: { userId: input.userId, providerId: "credential", password: { not: null } },
    select: { password: true },
  });
  if (credential?.password) {
    const attempt = { email: input.email, ip: input.ip };
    await services.rateLimits.assertSignInAllowed(attempt);
    const ok =
      input.password !== undefined &&
      (await verifyPassword({ hash: credential.password, password: input.password }));
    if (!ok) {
      await services.rateLimits.signInFailed(attempt);
      throw new AppError("PASSWORD_INCORRECT");
    }
    await services.rateLimits.signInSucceeded({ email: input.email });
    return;
  }
  if (!isFreshSession({ createdAt: input.sessionCreatedAt }, services.config, now)) {
    throw new AppError("FRESH_SIGN_IN_REQUIRED");
  }
}

/**
 * What keeps the account from being deleted now. Money must never vanish with an account: a
 * wallet balance (including what cancelling upcoming bookings would return to it) and a mentor's
 * earnings that are not paid out yet are settled first. Upcoming bookings inside the free
 * cancellation window cannot be cancelled by the mentee, so neither by deleting the account.
 */
export async function deletionBlockers(
  services: AppServices,
  userId: string,
  now = new Date(),
): Promise<DeletionBlocker[]> {
  const { prisma, config } = services;
  const blockers: DeletionBlocker[] = [];
  const upcoming = await prisma.booking.findMany({
    where: {
      menteeId: userId,
      status: { in: [...liveBookingStatuses] },
      session: { startsAt: { gt: now } },
    },
    include: {
      session: { select: { startsAt: true } },
      payments: {
        where: { status: "SUCCEEDED" },
        select: { walletAmountMinor: true, currency: true },
      },
    },
  });
  const windowMs = config.bookings.menteeFreeCancellationHours * HOUR;
  for (const booking of upcoming) {
    if (
      booking.status === "CONFIRMED" &&
      booking.session.startsAt.getTime() - now.getTime() < windowMs
    ) {
      blockers.push({
        reason: "BOOKING_TOO_SOON",
        bookingId: booking.id,
        startsAt: booking.session.startsAt.toISOString(),
      });
    }
  }
  // Pending earnings of the mentor's upcoming sessions are refunded by the cancellation: only
  // earnings of sessions already held count as unpaid.
  const upcomingSessionBookings = await prisma.booking.findMany({
    where: {
      session: { mentorId: userId, status: "SCHEDULED", startsAt: { gt: now } },
      status: { in: [...liveBookingStatuses] },
    },
    select: { id: true },
  });
  const rows = await prisma.$queryRaw<{ kind: string; currency: string; total: bigint }[]>`
    SELECT a.kind::text AS kind, a.currency,
           COALESCE(SUM(e."amountMinor"), 0)::bigint AS total
      FROM ledger_account a
      JOIN ledger_entry e ON e."accountId" = a.id
      LEFT JOIN ledger_transaction t ON t.id = e."transactionId"
     WHERE a.owner = ${userId}
       AND a.kind::text = ANY(${moneyKinds as unknown as string[]})
       AND NOT (a.kind = 'MENTOR_PENDING' AND t."bookingId" = ANY(${upcomingSessionBookings.map((b) => b.id)}))
     GROUP BY a.kind, a.currency`;
  const totals = new Map<string, { wallet: number; earnings: number }>();
  const totalFor = (currency: string) => {
    const found = totals.get(currency) ?? { wallet: 0, earnings: 0 };
    totals.set(currency, found);
    return found;
  };
  for (const row of rows) {
    const amount = Number(row.total);
    if (row.kind.startsWith("USER_WALLET")) totalFor(row.currency).wallet += amount;
    else totalFor(row.currency).earnings += amount;
  }
  // What cancelling the upcoming bookings gives back to the wallet.
  for (const booking of upcoming) {
    for (const payment of booking.payments) {
      totalFor(payment.currency).wallet += payment.walletAmountMinor;
    }
  }
  for (const [currency, { wallet, earnings }] of [...totals].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (wallet !== 0) blockers.push({ reason: "WALLET_BALANCE", currency, amountMinor: wallet });
    if (earnings !== 0)
      blockers.push({ reason: "EARNINGS_UNPAID", currency, amountMinor: earnings });
  }
  return blockers;
}

/**
 * Deletes a person's account (GDPR art. 17): their upcoming bookings and sessions are cancelled
 * with refunds through the usual paths, then in one transaction everything personal is erased
 * (sign-in methods, sessions, profile, skills, availability, billing details, payout method,
 * data exports, the text and images of their messages) and the user row is kept as a pseudonym, because invoices, the ledger and the
 * audit log must be kept for 10 years (art. 17(3)(b), Code de commerce L123-22). Issued invoices
 * keep the buyer as invoiced: the law forbids changing an issued invoice.
 */
export async function deleteAccount(
  services: AppServices,
  input: { userId: string; ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ cancelledBookings: number; cancelledSessions: number }> {
  const { prisma, logger } = services;
  const blockers = await deletionBlockers(services, input.userId, now);
  if (blockers.length > 0) throw new AppError("ACCOUNT_DELETION_BLOCKED", { blockers });

  const bookings = await prisma.booking.findMany({
    where: {
      menteeId: input.userId,
      status: { in: [...liveBookingStatuses] },
      session: { startsAt: { gt: now } },
    },
    select: { id: true },
  });
  for (const booking of bookings) {
    await cancelBookingByMentee(
      services,
      { bookingId: booking.id, menteeId: input.userId, reason: "account deleted" },
      now,
    );
  }
  const sessions = await prisma.mentoringSession.findMany({
    where: { mentorId: input.userId, status: "SCHEDULED", endsAt: { gt: now } },
    select: { id: true },
  });
  for (const session of sessions) {
    await cancelSessionByMentor(
      services,
      { sessionId: session.id, mentorId: input.userId, reason: "the mentor left Mentora" },
      now,
    );
  }

  let messageImages: string[] = [];
  const user = await prisma.$transaction(async (tx) => {
    // Under the user's row lock: a second deletion (double click) waits, then finds it done.
    const [locked] = await tx.$queryRaw<{ deletedAt: Date | null }[]>`
      SELECT "deletedAt" FROM "user" WHERE id = ${input.userId} FOR UPDATE`;
    if (!locked || locked.deletedAt) throw new AppError("NOT_FOUND");
    // Cancellations may have moved money since the first look: check again inside the commit.
    const late = (await deletionBlockers(services, input.userId, now)).filter(
      (blocker) => blocker.reason !== "BOOKING_TOO_SOON",
    );
    if (late.length > 0) throw new AppError("ACCOUNT_DELETION_BLOCKED", { blockers: late });

    const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId } });
    await tx.session.deleteMany({ where: { userId: input.userId } });
    await tx.account.deleteMany({ where: { userId: input.userId } });
    await tx.twoFactor.deleteMany({ where: { userId: input.userId } });
    await tx.passkey.deleteMany({ where: { userId: input.userId } });
    // API keys die with the account (the row stays, anonymised: no cascade here).
    await tx.apiKey.deleteMany({ where: { referenceId: input.userId } });
    await tx.verification.deleteMany({ where: { identifier: { contains: before.email } } });
    await tx.userSkill.deleteMany({ where: { userId: input.userId } });
    await tx.availabilityRule.deleteMany({ where: { mentorId: input.userId } });
    await tx.availabilityOverride.deleteMany({ where: { mentorId: input.userId } });
    await tx.offering.updateMany({
      where: { mentorId: input.userId },
      data: { status: "ARCHIVED" },
    });
    await tx.mentorProfile.updateMany({
      where: { userId: input.userId },
      data: { acceptingBookings: false, status: "REJECTED", decisionNote: "account deleted" },
    });
    await tx.invitation.updateMany({
      where: { mentorId: input.userId, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.billingDetails.deleteMany({ where: { userId: input.userId } });
    // What the person was told, and how (issue #15): theirs alone, nothing the law keeps.
    await tx.notification.deleteMany({ where: { recipientId: input.userId } });
    await tx.notificationPreference.deleteMany({ where: { userId: input.userId } });
    await tx.payoutMethod.deleteMany({ where: { mentorId: input.userId } });
    // Our link to the Stripe connected account (the account itself is Stripe's and the person's).
    await tx.payoutAccount.deleteMany({ where: { mentorId: input.userId } });
    // AI (issue #16): match requests are the person's data, the embedding and moderation
    // snapshots copy their profile text.
    await tx.matchRequest.deleteMany({ where: { menteeId: input.userId } });
    await tx.mentorEmbedding.deleteMany({ where: { mentorId: input.userId } });
    await tx.moderationCase.deleteMany({ where: { authorId: input.userId } });
    await tx.mentorBlock.deleteMany({
      where: { OR: [{ mentorId: input.userId }, { menteeId: input.userId }] },
    });
    messageImages = await eraseMessagesOf(tx, input.userId);
    await eraseReviewsOf(tx, input.userId);
    await tx.user.update({
      where: { id: input.userId },
      data: {
        name: "Deleted user",
        email: `deleted-${input.userId.toLowerCase()}@deleted.invalid`,
        emailVerified: false,
        image: null,
        role: "MENTEE",
        locale: null,
        timezone: null,
        headline: null,
        bio: null,
        languages: [],
        avatarVersion: null,
        twoFactorEnabled: false,
        deletedAt: now,
      },
    });
    await writeAudit(
      tx,
      { actorId: input.userId, ip: input.ip, userAgent: input.userAgent?.slice(0, 500) ?? null },
      { action: "user.delete-account", targetType: "user", targetId: input.userId },
    );
    // The last e-mail to the address, sent by the job after the commit.
    const email = renderAccountDeleted({
      locale: isLocale(before.locale) ? before.locale : "en",
      name: before.name,
    });
    await enqueue(
      services.boss,
      sendEmailQueue,
      { to: before.email, ...email },
      { db: fromPrisma(tx) },
    );
    return before;
  }, ledgerTransactionOptions);

  await removeStoredFiles(services, input.userId, user.avatarVersion);
  await deleteUnreferencedAttachments(services, messageImages);
  logger.info({ userId: input.userId }, "account deleted");
  return { cancelledBookings: bookings.length, cancelledSessions: sessions.length };
}

/** Avatar and data-export files go after the commit (storage is not transactional). */
async function removeStoredFiles(
  services: AppServices,
  userId: string,
  avatarVersion: string | null,
): Promise<void> {
  const keys: string[] = [];
  if (avatarVersion)
    keys.push(...avatarSizes.map((size) => avatarKey(userId, avatarVersion, size)));
  const exports = await services.prisma.dataExport.findMany({ where: { userId } });
  keys.push(...exports.flatMap((row) => (row.fileKey ? [row.fileKey] : [])));
  for (const key of keys) {
    try {
      await services.files.delete(key);
    } catch (error) {
      services.logger.error({ err: error, key }, "could not delete a deleted account's file");
    }
  }
  await services.prisma.dataExport.deleteMany({ where: { userId } });
}

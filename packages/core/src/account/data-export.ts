import { randomUUID } from "node:crypto";
import { renderDataExportReady } from "@mentora/email";
import { isLocale } from "@mentora/i18n";
import { strToU8, type Zippable, zipSync } from "fflate";
import { fromPrisma } from "pg-boss";
import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { avatarKey } from "../avatars/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { enqueue } from "../jobs/define.ts";
import { messagesWrittenBy } from "../messages/index.ts";
import { reviewsWrittenBy } from "../reviews/index.ts";
import { isTimeZone } from "../trpc/context.ts";
import { dataExportQueue } from "./data-export.queue.ts";

/** How long a built export can be downloaded. */
export const DATA_EXPORT_TTL_MS = 7 * 24 * 3_600_000;
/** Exports a person may ask for in a day: each one reads everything they have. */
export const DATA_EXPORTS_PER_DAY = 3;

export function dataExportUrlPath(exportId: string): string {
  return `/account/exports/${exportId}.zip`;
}

/** Records the request and enqueues the job that builds it, in one transaction. */
export async function requestDataExport(
  services: AppServices,
  userId: string,
  now = new Date(),
): Promise<{ id: string }> {
  return services.prisma.$transaction(async (tx) => {
    // Under the user's row lock, so two clicks cannot both pass the daily limit.
    await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${userId} FOR UPDATE`;
    const recent = await tx.dataExport.count({
      where: { userId, createdAt: { gt: new Date(now.getTime() - 24 * 3_600_000) } },
    });
    if (recent >= DATA_EXPORTS_PER_DAY) {
      throw new AppError("DATA_EXPORT_LIMIT", { perDay: DATA_EXPORTS_PER_DAY });
    }
    const created = await tx.dataExport.create({
      data: {
        id: randomUUID(),
        userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + DATA_EXPORT_TTL_MS),
      },
    });
    await enqueue(services.boss, dataExportQueue, { exportId: created.id }, { db: fromPrisma(tx) });
    return { id: created.id };
  });
}

const json = (value: unknown) =>
  strToU8(
    `${JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item), 2)}\n`,
  );

const readme = `Your Mentora data
==================

profile.json     your account, profile, skills, languages, billing details and mentor settings
sign-ins.json    the devices signed in to your account (address, browser, dates)
bookings.json    the sessions you booked, and, for mentors, the sessions you gave
payments.json    your payments, refunds, wallet and earnings movements, payouts
messages.json    the messages you wrote in your bookings' conversations
notifications.json  what Mentora told you (bell and e-mail) and your notification settings
reviews.json     the reviews you wrote, and, for mentors, your answers to reviews
documents/       the invoices, credit notes and payout statements issued to you (PDF)
avatar-256.webp  your profile picture, when you have one

Amounts are in minor units of their currency (cents for EUR, millimes for TND).
Dates are in UTC (ISO 8601).
`;

/** Everything Mentora keeps about one person, as the files of their export. */
async function collectFiles(services: AppServices, userId: string): Promise<Zippable> {
  const { prisma } = services;
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    include: {
      skills: { include: { skill: true } },
      billingDetails: true,
      mentorProfile: true,
      offerings: { include: { options: true } },
      availabilityRules: true,
      availabilityOverrides: true,
      sessions: {
        select: {
          createdAt: true,
          updatedAt: true,
          expiresAt: true,
          ipAddress: true,
          userAgent: true,
        },
      },
      accounts: { select: { providerId: true, createdAt: true } },
    },
  });
  const { sessions, accounts, skills, ...profile } = user;
  const payoutMethod = await prisma.payoutMethod.findUnique({ where: { mentorId: userId } });
  const payoutAccounts = await prisma.payoutAccount.findMany({ where: { mentorId: userId } });

  const bookings = await prisma.booking.findMany({
    where: { menteeId: userId },
    include: { session: { include: { mentor: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  const mentoredSessions = await prisma.mentoringSession.findMany({
    where: { mentorId: userId },
    include: { bookings: { select: { status: true, priceMinor: true, currency: true } } },
    orderBy: { startsAt: "asc" },
  });
  const payments = await prisma.payment.findMany({
    where: { userId },
    include: { refunds: true },
    orderBy: { createdAt: "asc" },
  });
  const ledger = await prisma.$queryRaw<
    {
      kind: string;
      currency: string;
      transactionKind: string;
      amountMinor: bigint;
      createdAt: Date;
    }[]
  >`
    SELECT a.kind::text AS kind, a.currency, t.kind::text AS "transactionKind",
           e."amountMinor", t."createdAt"
      FROM ledger_account a
      JOIN ledger_entry e ON e."accountId" = a.id
      JOIN ledger_transaction t ON t.id = e."transactionId"
     WHERE a.owner = ${userId}
     ORDER BY t."createdAt", e.id`;
  const payouts = await prisma.payout.findMany({
    where: { mentorId: userId },
    orderBy: { createdAt: "asc" },
  });

  const notifications = await prisma.notification.findMany({
    where: { recipientId: userId },
    select: { kind: true, data: true, createdAt: true, readAt: true, emailedAt: true },
    orderBy: { createdAt: "asc" },
  });
  const notificationSettings = await prisma.notificationPreference.findMany({
    where: { userId },
    select: { kind: true, inApp: true, email: true },
  });

  const files: Zippable = {
    "README.txt": strToU8(readme),
    "profile.json": json({
      ...profile,
      skills: skills.map((entry) => entry.skill.name),
      signInMethods: accounts,
      payoutMethod,
      payoutAccounts,
    }),
    "sign-ins.json": json(sessions),
    "bookings.json": json({ asMentee: bookings, asMentor: mentoredSessions }),
    "payments.json": json({ payments, ledgerMovements: ledger, payouts }),
    "messages.json": json(await messagesWrittenBy(prisma, userId)),
    "reviews.json": json(await reviewsWrittenBy(prisma, userId)),
    "notifications.json": json({ notifications, settings: notificationSettings }),
  };

  const documents = await prisma.invoice.findMany({
    where: { ownerId: userId, fileKey: { not: null } },
    select: { number: true, fileKey: true },
    orderBy: { issuedAt: "asc" },
  });
  const folder: Zippable = {};
  for (const document of documents) {
    const stored = document.fileKey ? await services.files.get(document.fileKey) : null;
    // PDFs are compressed already: stored as they are.
    if (stored) folder[`${document.number}.pdf`] = [stored.bytes, { level: 0 }];
  }
  if (Object.keys(folder).length > 0) files.documents = folder;
  if (user.avatarVersion) {
    const avatar = await services.files.get(avatarKey(userId, user.avatarVersion, 256));
    if (avatar) files["avatar-256.webp"] = [avatar.bytes, { level: 0 }];
  }
  return files;
}

/**
 * Builds one export: the ZIP is stored under exports/<user>/<export id>.zip, the row marked
 * ready and the person told by e-mail, in one transaction. Running again (a retry after a
 * crash) rebuilds and overwrites the same key; a ready or expired export is left alone.
 */
export async function buildDataExport(services: AppServices, exportId: string, now = new Date()) {
  const { prisma } = services;
  const row = await prisma.dataExport.findUnique({ where: { id: exportId } });
  // Gone, or built already (a retried job): nothing to do.
  if (!row) return;
  if (row.status !== "PENDING") return;
  const user = await prisma.user.findUnique({ where: { id: row.userId } });
  if (!user || user.deletedAt) return;
  const bytes = zipSync(await collectFiles(services, row.userId), { level: 6, mtime: now });
  const key = `exports/${row.userId.toLowerCase()}/${row.id}.zip`;
  await services.files.put(key, bytes, { contentType: "application/zip" });
  const expiresAt = new Date(now.getTime() + DATA_EXPORT_TTL_MS);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.dataExport.updateMany({
      where: { id: row.id, status: "PENDING" },
      data: { status: "READY", fileKey: key, sizeBytes: bytes.byteLength, readyAt: now, expiresAt },
    });
    if (count === 0) return;
    const email = renderDataExportReady({
      locale: isLocale(user.locale) ? user.locale : "en",
      name: user.name,
      url: `${services.config.app.publicUrl.replace(/\/+$/, "")}${dataExportUrlPath(row.id)}`,
      expiresAt,
      timeZone: isTimeZone(user.timezone) ? user.timezone : "UTC",
    });
    await enqueue(
      services.boss,
      sendEmailQueue,
      { to: user.email, ...email },
      { db: fromPrisma(tx) },
    );
  });
  services.logger.info({ exportId, bytes: bytes.byteLength }, "data export ready");
}

/** The ZIP for its owner while it is ready and not expired; null for anyone else. */
export async function readDataExport(
  services: AppServices,
  input: { exportId: string; userId: string },
  now = new Date(),
): Promise<{ bytes: Uint8Array; filename: string } | null> {
  if (!z.uuid().safeParse(input.exportId).success) return null;
  const row = await services.prisma.dataExport.findUnique({ where: { id: input.exportId } });
  if (!row || row.userId !== input.userId || row.status !== "READY" || !row.fileKey) return null;
  if (row.expiresAt.getTime() <= now.getTime()) return null;
  const stored = await services.files.get(row.fileKey);
  if (!stored) return null;
  const day = (row.readyAt ?? row.createdAt).toISOString().slice(0, 10);
  return { bytes: stored.bytes, filename: `mentora-data-${day}.zip` };
}

/** Deletes expired exports' files and marks them expired. Returns how many. */
export async function expireDataExports(services: AppServices, now = new Date()): Promise<number> {
  const expired = await services.prisma.dataExport.findMany({
    where: { status: { in: ["READY", "PENDING", "FAILED"] }, expiresAt: { lte: now } },
    take: 1000,
  });
  for (const row of expired) {
    if (row.fileKey) await services.files.delete(row.fileKey);
    await services.prisma.dataExport.update({
      where: { id: row.id },
      data: { status: "EXPIRED", fileKey: null },
    });
  }
  return expired.length;
}

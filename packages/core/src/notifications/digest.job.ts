import { renderNotificationDigest } from "@mentora/email";
import { negotiateLocale } from "@mentora/i18n";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { sendEmailQueue } from "../email/index.ts";
import { defineHandler, enqueue } from "../jobs/define.ts";
import { deterministicJobId } from "../jobs/deterministic-job-id.ts";
import { notificationDigestQueue } from "./digest.queue.ts";
import type { NotificationKind } from "./kinds.ts";
import { notificationLine } from "./lines.ts";
import { type NotificationData, scheduleDigest } from "./notify.ts";
import { preferencesOf } from "./preferences.ts";

function knownTimeZone(zone: string | null): string {
  if (!zone) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/**
 * One person's digest. In one transaction, under a per-person advisory lock (two windows' jobs
 * never claim the same rows): drops what the person no longer wants e-mailed, claims every
 * notification still unread whose delay has passed (stamping emailedAt), enqueues ONE e-mail
 * listing them under an id derived from the claimed rows, and plans the next digest if later
 * ones wait. A replay finds nothing left to claim and sends nothing.
 */
export const notificationDigestJob = defineHandler(
  notificationDigestQueue,
  async ({ userId }, services: AppServices) => {
    const { prisma, boss, config, logger } = services;
    await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`notification.digest:${userId}`}))`;
      const now = new Date();
      const user = await tx.user.findUnique({
        where: { id: userId },
        select: { name: true, email: true, locale: true, timezone: true, deletedAt: true },
      });
      const pending = { recipientId: userId, emailedAt: null, emailDueAt: { not: null } };
      if (!user || user.deletedAt) {
        await tx.notification.updateMany({ where: pending, data: { emailDueAt: null } });
        return;
      }
      const preferences = await preferencesOf(tx, userId);
      const unwanted = (Object.keys(preferences) as NotificationKind[]).filter(
        (kind) => !preferences[kind].email,
      );
      if (unwanted.length > 0) {
        await tx.notification.updateMany({
          where: { ...pending, kind: { in: unwanted } },
          data: { emailDueAt: null },
        });
      }
      const due = await tx.notification.findMany({
        where: { ...pending, readAt: null, emailDueAt: { lte: now } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, data: true },
      });
      if (due.length > 0) {
        await tx.notification.updateMany({
          where: { id: { in: due.map((row) => row.id) } },
          data: { emailedAt: now },
        });
        const locale = negotiateLocale({ profileLocale: user.locale });
        const timeZone = knownTimeZone(user.timezone);
        const email = renderNotificationDigest({
          locale,
          name: user.name,
          lines: due.map((row) =>
            notificationLine(row.kind, row.data as Partial<NotificationData>, { locale, timeZone }),
          ),
          url: new URL("/notifications", config.app.publicUrl).toString(),
        });
        await enqueue(
          boss,
          sendEmailQueue,
          { to: user.email, subject: email.subject, text: email.text, html: email.html },
          {
            db: fromPrisma(tx),
            id: deterministicJobId(notificationDigestQueue.name, userId, due[0]?.id ?? ""),
          },
        );
        logger.info({ userId, count: due.length }, "notification digest e-mailed");
      }
      const next = await tx.notification.findFirst({
        where: { ...pending, readAt: null, emailDueAt: { gt: now } },
        orderBy: { emailDueAt: "asc" },
        select: { emailDueAt: true },
      });
      if (next?.emailDueAt) await scheduleDigest(services, tx, userId, next.emailDueAt);
    });
  },
);

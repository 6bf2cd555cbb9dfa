import { createHmac, timingSafeEqual } from "node:crypto";
import type { Prisma } from "@mentora/db";
import { renderPayoutEmailConfirmation } from "@mentora/email";
import { negotiateLocale } from "@mentora/i18n";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { enqueue } from "../jobs/define.ts";
import { methodFromRow } from "./method.ts";

/** A confirmation link works this long. */
export const PAYOUT_EMAIL_LINK_HOURS = 24;
/** One confirmation e-mail per this many minutes: the address is typed by the mentor. */
export const PAYOUT_EMAIL_RESEND_MINUTES = 5;
export const payoutEmailConfirmPath = "/mentor/payouts/paypal/confirm";

type Services = Pick<AppServices, "prisma" | "boss" | "config">;
type MethodRow = Prisma.PayoutMethodGetPayload<object>;

/**
 * An HMAC under AUTH_SECRET of the mentor, the address, when that address was set and the
 * expiry: nothing stored, and a link is worth nothing for another mentor, another address, or
 * the same address set again later (a new setAt).
 */
function signatureOf(secret: string, row: MethodRow, email: string, expires: number): string {
  return createHmac("sha256", secret)
    .update(`payout-email:${row.mentorId}:${email}:${row.setAt.toISOString()}:${expires}`)
    .digest("base64url");
}

/**
 * Queues the confirmation e-mail of a PayPal method in the caller's transaction (the outbox:
 * it leaves only if the change commits), and stamps when it was sent.
 */
export async function sendPayoutEmailConfirmation(
  services: Services,
  tx: Prisma.TransactionClient,
  row: MethodRow,
  now: Date,
): Promise<void> {
  const method = methodFromRow(row);
  if (method.kind !== "PAYPAL") return;
  const expires = Math.floor(now.getTime() / 1000) + PAYOUT_EMAIL_LINK_HOURS * 3600;
  const url = new URL(payoutEmailConfirmPath, services.config.app.publicUrl);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("sig", signatureOf(services.config.auth.secret, row, method.email, expires));
  const mentor = await tx.user.findUniqueOrThrow({
    where: { id: row.mentorId },
    select: { name: true, locale: true },
  });
  const email = renderPayoutEmailConfirmation({
    locale: negotiateLocale({ profileLocale: mentor.locale }),
    name: mentor.name,
    url: url.toString(),
  });
  await enqueue(
    services.boss,
    sendEmailQueue,
    { to: method.email, ...email },
    { db: fromPrisma(tx) },
  );
  await tx.payoutMethod.update({
    where: { mentorId: row.mentorId },
    data: { verificationSentAt: now },
  });
}

/** "Send the link again": for an unverified PayPal method, at most every few minutes. */
export async function resendPayoutEmailConfirmation(
  services: Services,
  input: { mentorId: string; now?: Date },
): Promise<{ sentTo: string }> {
  const now = input.now ?? new Date();
  return services.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "mentorId" FROM payout_method WHERE "mentorId" = ${input.mentorId} FOR UPDATE`;
    const row = await tx.payoutMethod.findUnique({ where: { mentorId: input.mentorId } });
    const method = row && methodFromRow(row);
    if (!row || method?.kind !== "PAYPAL" || row.verifiedAt) {
      throw new AppError("PAYOUT_VERIFICATION_INVALID");
    }
    const next = row.verificationSentAt
      ? row.verificationSentAt.getTime() + PAYOUT_EMAIL_RESEND_MINUTES * 60_000
      : 0;
    if (next > now.getTime()) {
      throw new AppError("TOO_MANY_REQUESTS", { retryAt: new Date(next) });
    }
    await sendPayoutEmailConfirmation(services, tx, row, now);
    return { sentTo: method.email };
  });
}

/**
 * The link from the e-mail, opened by the signed-in mentor: the current PayPal address is
 * verified when the link was made for exactly it and has not expired. Anything else (expired,
 * tampered, for an address since changed, for another mentor) is PAYOUT_VERIFICATION_INVALID.
 */
export async function confirmPayoutEmail(
  services: Services,
  input: { mentorId: string; expires: number; sig: string; actor: AuditActor; now?: Date },
): Promise<{ email: string; verifiedAt: Date }> {
  const now = input.now ?? new Date();
  return services.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "mentorId" FROM payout_method WHERE "mentorId" = ${input.mentorId} FOR UPDATE`;
    const row = await tx.payoutMethod.findUnique({ where: { mentorId: input.mentorId } });
    const method = row && methodFromRow(row);
    if (!row || method?.kind !== "PAYPAL" || input.expires * 1000 < now.getTime()) {
      throw new AppError("PAYOUT_VERIFICATION_INVALID");
    }
    const expected = Buffer.from(
      signatureOf(services.config.auth.secret, row, method.email, input.expires),
    );
    const given = Buffer.from(input.sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError("PAYOUT_VERIFICATION_INVALID");
    }
    if (row.verifiedAt) return { email: method.email, verifiedAt: row.verifiedAt };
    await tx.payoutMethod.update({ where: { mentorId: row.mentorId }, data: { verifiedAt: now } });
    await writeAudit(tx, input.actor, {
      action: "payout.method-verified",
      targetType: "user",
      targetId: row.mentorId,
      details: { kind: method.kind, destination: method.email },
    });
    return { email: method.email, verifiedAt: now };
  });
}

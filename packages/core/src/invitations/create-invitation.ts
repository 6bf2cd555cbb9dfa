import { renderInvitationEmail } from "@mentora/email";
import { isLocale, type Locale } from "@mentora/i18n";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { enqueue } from "../jobs/define.ts";
import { formatMinorAmount } from "../offerings/index.ts";
import {
  type InvitationOutput,
  invitationInclude,
  toInvitationOutput,
} from "./invitation-output.ts";
import { invitationUrl, newInvitationToken } from "./token.ts";

const DAY_MS = 86_400_000;

/** Emailed invitations a mentor may send per rolling day: the app must not be a spam relay. */
export const maxEmailedInvitationsPerDay = 100;

export interface CreateInvitationInput {
  mentorId: string;
  offeringId: string;
  /** Lower-cased; when set, only this address may use it and it receives an email. */
  email?: string | undefined;
  priceMinor?: number | undefined;
  currency?: string | undefined;
  /** The one duration it (and its private price) applies to; default: the shortest option. */
  durationMinutes?: number | undefined;
  expiresInDays: number;
  /** The mentor's language: the email's, unless the invitee has an account with their own. */
  locale: Locale;
}

/**
 * Creates an invitation to the mentor's own active offering. The token only leaves here in the
 * returned link (shown once); the database keeps its sha256. With an email, the invitation
 * email is queued in the same transaction as the row.
 */
export async function createInvitation(
  services: AppServices,
  input: CreateInvitationInput,
  now = new Date(),
): Promise<{ invitation: InvitationOutput; link: string }> {
  const { prisma, config } = services;
  const offering = await prisma.offering.findFirst({
    where: { id: input.offeringId, mentorId: input.mentorId },
    include: {
      options: {
        where: { archivedAt: null },
        select: { currency: true, durationMinutes: true },
        orderBy: { durationMinutes: "asc" },
      },
      mentor: { select: { name: true, timezone: true } },
    },
  });
  if (!offering) throw new AppError("NOT_FOUND");
  if (offering.status !== "ACTIVE") throw new AppError("OFFERING_UNAVAILABLE");

  // Bound to one duration: a private price meant for 30 minutes must not buy 2 hours.
  const durationMinutes = input.durationMinutes ?? offering.options[0]?.durationMinutes;
  if (!offering.options.some((option) => option.durationMinutes === durationMinutes)) {
    throw new AppError("VALIDATION_FAILED", {
      field: "durationMinutes",
      durations: offering.options.map((option) => option.durationMinutes),
    });
  }
  const offeringCurrency = offering.options[0]?.currency;
  if (input.currency !== undefined && input.currency !== offeringCurrency) {
    throw new AppError("VALIDATION_FAILED", {
      field: "currency",
      reason: "CURRENCY_MISMATCH",
      currency: offeringCurrency,
    });
  }
  const privatePrice =
    input.priceMinor === undefined || !offeringCurrency
      ? null
      : { priceMinor: input.priceMinor, currency: offeringCurrency };

  if (input.email) {
    const sentToday = await prisma.invitation.count({
      where: {
        mentorId: input.mentorId,
        email: { not: null },
        createdAt: { gt: new Date(now.getTime() - DAY_MS) },
      },
    });
    if (sentToday >= maxEmailedInvitationsPerDay) throw new AppError("TOO_MANY_REQUESTS");
  }

  const { token, tokenHash } = newInvitationToken();
  const link = invitationUrl(config.app.publicUrl, token);
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);

  const email = input.email
    ? await invitationEmail(services, {
        to: input.email,
        locale: input.locale,
        mentor: offering.mentor,
        offeringTitle: offering.title,
        price: privatePrice,
        expiresAt,
        link,
      })
    : null;

  const invitation = await prisma.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: {
        mentorId: input.mentorId,
        offeringId: offering.id,
        email: input.email ?? null,
        tokenHash,
        priceMinor: privatePrice?.priceMinor ?? null,
        currency: privatePrice?.currency ?? null,
        durationMinutes,
        expiresAt,
        createdAt: now,
      },
      include: invitationInclude,
    });
    if (email) await enqueue(services.boss, sendEmailQueue, email, { db: fromPrisma(tx) });
    return created;
  });
  return { invitation: toInvitationOutput(invitation, now), link };
}

/** In the invitee's language and timezone when they already have an account, else the mentor's. */
async function invitationEmail(
  services: AppServices,
  input: {
    to: string;
    locale: Locale;
    mentor: { name: string; timezone: string | null };
    offeringTitle: string;
    price: { priceMinor: number; currency: string } | null;
    expiresAt: Date;
    link: string;
  },
) {
  const invitee = await services.prisma.user.findFirst({
    where: { email: { equals: input.to, mode: "insensitive" } },
    select: { name: true, locale: true, timezone: true },
  });
  const locale = isLocale(invitee?.locale) ? invitee.locale : input.locale;
  const rendered = renderInvitationEmail({
    locale,
    timeZone: invitee?.timezone ?? input.mentor.timezone ?? "UTC",
    recipientName: invitee?.name ?? "",
    mentorName: input.mentor.name,
    offeringTitle: input.offeringTitle,
    price: input.price && formatMinorAmount(input.price.priceMinor, input.price.currency, locale),
    expiresAt: input.expiresAt,
    url: input.link,
  });
  return { to: input.to, ...rendered };
}

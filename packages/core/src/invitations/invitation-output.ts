import type { Prisma } from "@mentora/db";
import { z } from "zod";

export const invitationStatusSchema = z.enum(["active", "expired", "revoked"]);
export type InvitationStatus = z.output<typeof invitationStatusSchema>;

export const invitationOutput = z.object({
  id: z.string(),
  offeringId: z.string(),
  offeringTitle: z.string(),
  /** Only this address may use it; null = anyone with the link. */
  email: z.string().nullable(),
  /** Private price, or null for the offering's own prices. */
  priceMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  /** The one duration it applies to (null: an old invitation whose offering had no option). */
  durationMinutes: z.number().int().nullable(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
  /** Bookings made with it (one per invitee). */
  usesCount: z.number().int(),
  status: invitationStatusSchema,
});

export type InvitationOutput = z.output<typeof invitationOutput>;

export const invitationInclude = {
  offering: { select: { title: true } },
  _count: { select: { uses: true } },
} satisfies Prisma.InvitationInclude;

type InvitationRow = Prisma.InvitationGetPayload<{ include: typeof invitationInclude }>;

export function invitationStatus(
  invitation: { expiresAt: Date; revokedAt: Date | null },
  now: Date,
): InvitationStatus {
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt <= now ? "expired" : "active";
}

export function toInvitationOutput(row: InvitationRow, now = new Date()): InvitationOutput {
  return {
    id: row.id,
    offeringId: row.offeringId,
    offeringTitle: row.offering.title,
    email: row.email,
    priceMinor: row.priceMinor,
    currency: row.currency,
    durationMinutes: row.durationMinutes,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    usesCount: row._count.uses,
    status: invitationStatus(row, now),
  };
}

import { z } from "zod";
import type { BookingWithSession } from "./snapshot.ts";

export const bookingOutput = z.object({
  id: z.string(),
  status: z.enum(["PENDING_PAYMENT", "CONFIRMED", "COMPLETED", "CANCELLED", "EXPIRED"]),
  sessionId: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  holdExpiresAt: z.date().nullable(),
  offeringId: z.string(),
  offeringTitle: z.string(),
  kind: z.enum(["ONE_TO_ONE", "GROUP"]),
  durationMinutes: z.number().int(),
  priceMinor: z.number().int(),
  currency: z.string(),
  note: z.string().nullable(),
  topic: z.string().nullable(),
  skills: z.array(z.object({ slug: z.string(), name: z.string() })),
  mentor: z.object({ id: z.string(), name: z.string(), avatarVersion: z.string().nullable() }),
  menteeId: z.string(),
  cancelledBy: z.enum(["MENTEE", "MENTOR", "ADMIN", "SYSTEM"]).nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.date(),
});

export type BookingOutput = z.output<typeof bookingOutput>;

export function toBookingOutput(booking: BookingWithSession): BookingOutput {
  return {
    id: booking.id,
    status: booking.status,
    sessionId: booking.sessionId,
    startsAt: booking.session.startsAt,
    endsAt: booking.session.endsAt,
    holdExpiresAt: booking.holdExpiresAt,
    offeringId: booking.session.offeringId,
    offeringTitle: booking.offeringTitle,
    kind: booking.session.offering.kind,
    durationMinutes: booking.durationMinutes,
    priceMinor: booking.priceMinor,
    currency: booking.currency,
    note: booking.note,
    topic: booking.topic,
    skills: booking.skills.map(({ skill }) => skill),
    mentor: {
      id: booking.session.mentor.id,
      name: booking.session.mentor.name,
      avatarVersion: booking.session.mentor.avatarVersion,
    },
    menteeId: booking.menteeId,
    cancelledBy: booking.cancelledBy,
    cancelReason: booking.cancelReason,
    createdAt: booking.createdAt,
  };
}

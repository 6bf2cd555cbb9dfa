import { z } from "zod";
import { defineEvent } from "../events/index.ts";

const bookingRef = {
  bookingId: z.string(),
  sessionId: z.string(),
  /** The booking's scheduleVersion when this happened: jobs planned for an older one skip. */
  scheduleVersion: z.number().int(),
  startsAt: z.iso.datetime(),
};

/** A booking is confirmed: free at hold, or its payment settled. */
export const bookingConfirmed = defineEvent({
  type: "booking.confirmed",
  version: 1,
  schema: z.object(bookingRef),
  key: (data) => [data.bookingId],
});

/**
 * A booking was cancelled (by its mentee, its mentor or an admin). Payments settles it in the
 * same transaction: `refundReason` goes on the refund, `cancelledById` is who asked.
 */
export const bookingCancelled = defineEvent({
  type: "booking.cancelled",
  version: 1,
  schema: z.object({
    ...bookingRef,
    status: z.string(),
    refundReason: z.string(),
    cancelledById: z.string(),
  }),
  key: (data) => [data.bookingId],
});

/** A booking's session moved to a new time (`previous*`: the old one). */
export const bookingMoved = defineEvent({
  type: "booking.moved",
  version: 1,
  schema: z.object({
    ...bookingRef,
    status: z.string(),
    previousStartsAt: z.iso.datetime(),
    previousEndsAt: z.iso.datetime(),
  }),
  key: (data) => [data.bookingId, data.scheduleVersion],
});

/**
 * A paid place is held while its payment is made (PENDING_PAYMENT until booking.confirmed or
 * booking.expired): the slot is taken for everyone else meanwhile.
 */
export const bookingHeld = defineEvent({
  type: "booking.held",
  version: 1,
  schema: z.object({ bookingId: z.string(), sessionId: z.string() }),
  key: (data) => [data.bookingId],
});

/** An unpaid hold ran out and its place was released. */
export const bookingExpired = defineEvent({
  type: "booking.expired",
  version: 1,
  schema: z.object({ bookingId: z.string(), sessionId: z.string() }),
  key: (data) => [data.bookingId],
});

import type { Db } from "@mentora/db";
import type { WebhookEventType } from "../contracts/index.ts";
import type { DomainEvent } from "../events/index.ts";

/**
 * The JSON an integrator receives (docs/webhooks.md). Version 1 is frozen: fields may be added,
 * never renamed or removed; an incompatible change is version 2. `data` holds ids and the public
 * fields of the object, as its recipients may already see them in the app: no secrets, no
 * e-mail addresses, no payment method details.
 */
export const payloadVersion = 1;

export interface WebhookPayload {
  id: string;
  type: WebhookEventType | "endpoint.test";
  version: typeof payloadVersion;
  /** Unix seconds when the fact happened. */
  created: number;
  data: Record<string, unknown>;
}

/** A payload and the mentor whose data it is (their endpoints receive it too), if any. */
export interface RoutedPayload {
  mentorId: string | null;
  payload: WebhookPayload;
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

async function bookingData(prisma: Db, bookingId: string) {
  const booking = await prisma.booking.findUnique({
    where: { id: bookingId },
    include: {
      mentee: { select: { id: true, name: true } },
      session: {
        select: { id: true, mentorId: true, offeringId: true, startsAt: true, endsAt: true },
      },
    },
  });
  if (!booking) return null;
  return {
    mentorId: booking.session.mentorId,
    booking: {
      id: booking.id,
      status: booking.status,
      sessionId: booking.session.id,
      mentorId: booking.session.mentorId,
      offeringId: booking.session.offeringId,
      offeringTitle: booking.offeringTitle,
      durationMinutes: booking.durationMinutes,
      startsAt: iso(booking.session.startsAt),
      endsAt: iso(booking.session.endsAt),
      priceMinor: booking.priceMinor,
      currency: booking.currency,
      // The mentor sees their mentee's name on the session; never the e-mail address.
      mentee: { id: booking.mentee.id, name: booking.mentee.name },
    },
  };
}

async function paymentData(prisma: Db, paymentId: string) {
  const payment = await prisma.payment.findUnique({ where: { id: paymentId } });
  if (!payment) return null;
  return {
    // A top-up is nobody's offering: platform endpoints only.
    mentorId: payment.purpose === "BOOKING" ? payment.mentorId : null,
    payment: {
      id: payment.id,
      purpose: payment.purpose,
      status: payment.status,
      bookingId: payment.bookingId,
      mentorId: payment.mentorId,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      refundedMinor: payment.refundedMinor,
      creditedToWallet: payment.creditedToWallet,
    },
  };
}

async function payoutData(prisma: Db, payoutId: string) {
  const payout = await prisma.payout.findUnique({ where: { id: payoutId } });
  if (!payout) return null;
  return {
    mentorId: payout.mentorId,
    payout: {
      id: payout.id,
      mentorId: payout.mentorId,
      status: payout.status,
      method: payout.method,
      amountMinor: payout.amountMinor,
      feeMinor: payout.feeMinor,
      currency: payout.currency,
      paidAt: iso(payout.paidAt),
      reference: payout.reference,
    },
  };
}

/**
 * The payload of a domain event for integrators, read from the database when the event is fanned
 * out; null when the event is not one integrators receive or its object is gone.
 */
export async function payloadOf(prisma: Db, event: DomainEvent): Promise<RoutedPayload | null> {
  const envelope = (type: WebhookEventType, data: Record<string, unknown>): WebhookPayload => ({
    id: event.id,
    type,
    version: payloadVersion,
    created: Math.floor(new Date(event.occurredAt).getTime() / 1000),
    data,
  });
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case "booking.confirmed":
    case "booking.cancelled":
    case "booking.moved": {
      const found = await bookingData(prisma, String(data.bookingId));
      if (!found) return null;
      const extra =
        event.type === "booking.moved"
          ? { previousStartsAt: data.previousStartsAt, previousEndsAt: data.previousEndsAt }
          : {};
      return {
        mentorId: found.mentorId,
        payload: envelope(event.type, { booking: found.booking, ...extra }),
      };
    }
    case "payment.settled": {
      const found = await paymentData(prisma, String(data.paymentId));
      if (!found) return null;
      return {
        mentorId: found.mentorId,
        payload: envelope(event.type, { payment: found.payment }),
      };
    }
    case "payment.refunded": {
      const refund = await prisma.refund.findUnique({ where: { id: String(data.refundId) } });
      const found = refund && (await paymentData(prisma, refund.paymentId));
      if (!refund || !found) return null;
      return {
        mentorId: found.mentorId,
        payload: envelope(event.type, {
          refund: {
            id: refund.id,
            paymentId: refund.paymentId,
            status: refund.status,
            amountMinor: refund.amountMinor,
            currency: found.payment.currency,
            createdAt: iso(refund.createdAt),
          },
          payment: found.payment,
        }),
      };
    }
    case "payout.paid":
    case "payout.failed": {
      const found = await payoutData(prisma, String(data.payoutId));
      if (!found) return null;
      const failure = event.type === "payout.failed" ? { attempt: data.attempt } : {};
      return {
        mentorId: found.mentorId,
        payload: envelope(event.type, { payout: found.payout, ...failure }),
      };
    }
    default:
      return null;
  }
}

import type { AppServices } from "../app/types.ts";
import type { NotificationKind } from "./kinds.ts";
import { adminIds, type NotificationData, notify } from "./notify.ts";
import { planSessionStarting } from "./session-starting.job.ts";

/**
 * Domain events turned into notifications: each runs in its own `event.deliver` job (wired in
 * app/subscriptions.ts), in one transaction, and is idempotent: the dedupe key is the event's
 * id (per recipient role), so a redelivery adds nothing. Typed by the payload fields they read,
 * so this domain imports no other domain's events.
 */
interface Happened<Data> {
  id: string;
  occurredAt: string;
  data: Data;
}

type Reaction<Data> = (event: Happened<Data>, services: AppServices) => Promise<void>;

const bookingKinds = {
  confirmed: "BOOKING_CONFIRMED",
  cancelled: "BOOKING_CANCELLED",
  moved: "BOOKING_MOVED",
} as const satisfies Record<string, NotificationKind>;

/** A booking confirmed, cancelled or moved: its mentee and its mentor are told. */
export function notifyBookingChange(
  change: keyof typeof bookingKinds,
): Reaction<{ bookingId: string; scheduleVersion: number; startsAt: string }> {
  return async (event, services) => {
    await services.prisma.$transaction(async (tx) => {
      const booking = await tx.booking.findUnique({
        where: { id: event.data.bookingId },
        select: {
          id: true,
          menteeId: true,
          offeringTitle: true,
          session: { select: { id: true, mentorId: true } },
        },
      });
      if (!booking) return;
      const now = new Date(event.occurredAt);
      const data = {
        title: booking.offeringTitle,
        startsAt: event.data.startsAt,
        sessionId: booking.session.id,
      };
      const kind = bookingKinds[change];
      await notify(services, tx, {
        userIds: [booking.menteeId],
        kind,
        subjectId: booking.id,
        data: { ...data, path: `/bookings/${booking.id}` },
        dedupeKey: `${event.id}:mentee`,
        now,
      });
      await notify(services, tx, {
        userIds: [booking.session.mentorId],
        kind,
        subjectId: booking.id,
        data: { ...data, path: "/mentor/calendar" },
        dedupeKey: `${event.id}:mentor`,
        now,
      });
      if (change !== "cancelled") {
        await planSessionStarting(services, tx, {
          bookingId: booking.id,
          scheduleVersion: event.data.scheduleVersion,
          startsAt: new Date(event.data.startsAt),
        });
      }
    });
  };
}

/** One notification for one person (or the admins), in its own transaction. */
async function tell(
  services: AppServices,
  event: Happened<unknown>,
  input: {
    userIds: readonly string[] | "admins";
    kind: NotificationKind;
    subjectId: string;
    data: NotificationData;
  },
): Promise<void> {
  await services.prisma.$transaction(async (tx) => {
    const userIds = input.userIds === "admins" ? await adminIds(tx) : input.userIds;
    await notify(services, tx, {
      userIds,
      kind: input.kind,
      subjectId: input.subjectId,
      data: input.data,
      dedupeKey: event.id,
      now: new Date(event.occurredAt),
    });
  });
}

/** A payment succeeded: its payer is told (a booking's confirmation is its own notification). */
export const notifyPaymentSucceeded: Reaction<{ paymentId: string }> = async (event, services) => {
  const payment = await services.prisma.payment.findUnique({
    where: { id: event.data.paymentId },
    select: { id: true, userId: true, amountMinor: true, currency: true },
  });
  if (!payment) return;
  await tell(services, event, {
    userIds: [payment.userId],
    kind: "PAYMENT_SUCCEEDED",
    subjectId: payment.id,
    data: {
      path: `/payments/${payment.id}`,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
    },
  });
};

export const notifyPaymentFailed: Reaction<{
  paymentId: string;
  userId: string;
  currency: string;
  amountMinor: number;
}> = (event, services) =>
  tell(services, event, {
    userIds: [event.data.userId],
    kind: "PAYMENT_FAILED",
    subjectId: event.data.paymentId,
    data: {
      path: `/payments/${event.data.paymentId}`,
      amountMinor: event.data.amountMinor,
      currency: event.data.currency,
    },
  });

export const notifyRefund: Reaction<{
  refundId: string;
  paymentId: string;
  amountMinor: number;
}> = async (event, services) => {
  const payment = await services.prisma.payment.findUnique({
    where: { id: event.data.paymentId },
    select: { userId: true, currency: true },
  });
  if (!payment) return;
  await tell(services, event, {
    userIds: [payment.userId],
    kind: "REFUND_ISSUED",
    subjectId: event.data.refundId,
    data: {
      path: "/receipts",
      amountMinor: event.data.amountMinor,
      currency: payment.currency,
      paymentId: event.data.paymentId,
    },
  });
};

export const notifyInvoiceReady: Reaction<{
  invoiceId: string;
  kind: string;
  ownerId: string;
  number: string;
}> = (event, services) =>
  tell(services, event, {
    userIds: [event.data.ownerId],
    kind: "INVOICE_READY",
    subjectId: event.data.invoiceId,
    data: {
      path: event.data.kind === "PAYOUT_STATEMENT" ? "/mentor/payouts" : "/receipts",
      number: event.data.number,
    },
  });

type PayoutData = { payoutId: string; mentorId: string; currency: string; amountMinor: number };

/** A payout approved, paid or failed: its mentor is told. */
export function notifyPayout(
  kind: "PAYOUT_APPROVED" | "PAYOUT_PAID" | "PAYOUT_FAILED",
): Reaction<PayoutData> {
  return (event, services) =>
    tell(services, event, {
      userIds: [event.data.mentorId],
      kind,
      subjectId: event.data.payoutId,
      data: {
        path: "/mentor/payouts",
        amountMinor: event.data.amountMinor,
        currency: event.data.currency,
      },
    });
}

export const notifyPayoutRequested: Reaction<PayoutData> = (event, services) =>
  tell(services, event, {
    userIds: "admins",
    kind: "ADMIN_PAYOUT_REQUESTED",
    subjectId: event.data.payoutId,
    data: {
      path: "/admin/payouts",
      amountMinor: event.data.amountMinor,
      currency: event.data.currency,
    },
  });

export const notifyEarningsReleased: Reaction<{
  bookingId: string;
  mentorId: string;
  currency: string;
  amountMinor: number;
}> = (event, services) =>
  tell(services, event, {
    userIds: [event.data.mentorId],
    kind: "EARNINGS_RELEASED",
    subjectId: event.data.bookingId,
    data: {
      path: "/mentor/revenue",
      amountMinor: event.data.amountMinor,
      currency: event.data.currency,
    },
  });

export const notifyApplicationDecided: Reaction<{ userId: string; status: string }> = (
  event,
  services,
) =>
  tell(services, event, {
    userIds: [event.data.userId],
    kind: "APPLICATION_DECIDED",
    subjectId: event.data.userId,
    data: {
      path: event.data.status === "APPROVED" ? "/mentor" : "/mentor/apply",
      status: event.data.status,
    },
  });

export const notifyWebhookFailed: Reaction<{ webhookEventId: string; provider: string }> = (
  event,
  services,
) =>
  tell(services, event, {
    userIds: "admins",
    kind: "ADMIN_WEBHOOK_FAILED",
    subjectId: event.data.webhookEventId,
    data: { path: "/admin/webhooks", provider: event.data.provider },
  });

export const notifyDisputeOpened: Reaction<{
  disputeId: string;
  paymentId: string;
  currency: string;
  amountMinor: number;
}> = (event, services) =>
  tell(services, event, {
    userIds: "admins",
    kind: "ADMIN_DISPUTE_OPENED",
    subjectId: event.data.disputeId,
    data: {
      path: "/admin/disputes",
      amountMinor: event.data.amountMinor,
      currency: event.data.currency,
      paymentId: event.data.paymentId,
    },
  });

/**
 * For rt-messages' `message.sent` (wired by the lead): each recipient but the sender is told;
 * e-mailed after 10 minutes unread. `path` is where the conversation opens.
 */
export const notifyNewMessage: Reaction<{
  messageId: string;
  conversationId: string;
  senderId: string;
  recipientIds: string[];
  path?: string;
}> = (event, services) =>
  tell(services, event, {
    userIds: event.data.recipientIds.filter((id) => id !== event.data.senderId),
    kind: "NEW_MESSAGE",
    subjectId: event.data.conversationId,
    data: {
      path: event.data.path ?? `/conversations/${event.data.conversationId}`,
      messageId: event.data.messageId,
    },
  });

/** For the AI issue's moderation hook: something waits for an admin's review. */
export const notifyModeration: Reaction<{ subjectId: string; path?: string }> = (event, services) =>
  tell(services, event, {
    userIds: "admins",
    kind: "ADMIN_MODERATION",
    subjectId: event.data.subjectId,
    data: { path: event.data.path ?? "/admin" },
  });

/**
 * An admin decided a moderation case about someone's content: its author is told where their
 * notices are (the account page); the line says what it was about and the decision.
 */
export const notifyModerationDecided: Reaction<{
  caseId: string;
  subject: string;
  status: string;
  authorId: string;
}> = (event, services) =>
  tell(services, event, {
    userIds: [event.data.authorId],
    kind: "MODERATION_DECIDED",
    subjectId: event.data.caseId,
    data: { path: "/account", subject: event.data.subject, status: event.data.status },
  });

/**
 * Reviews (issue #18): the mentor is told of a new review, the reviewer of the mentor's answer,
 * and a participant who has not rated an attended session is reminded a day after it. The
 * reviews domain puts the few facts the line shows in its events.
 */
export const notifyReview =
  (
    kind: "REVIEW_RECEIVED" | "REVIEW_ANSWERED" | "REVIEW_REMINDER",
  ): Reaction<{
    recipientId: string;
    subjectId: string;
    path: string;
    title: string;
    rating?: number;
  }> =>
  (event, services) =>
    tell(services, event, {
      userIds: [event.data.recipientId],
      kind,
      subjectId: event.data.subjectId,
      data: {
        path: event.data.path,
        title: event.data.title,
        ...(event.data.rating !== undefined ? { rating: event.data.rating } : {}),
      },
    });

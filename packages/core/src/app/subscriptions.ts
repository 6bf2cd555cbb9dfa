import { activityFeed, projectActivity } from "../activity/index.ts";
import { availabilityChanged } from "../availability/index.ts";
import {
  bookingCancelled,
  bookingConfirmed,
  bookingExpired,
  bookingHeld,
  bookingMoved,
  confirmPaidBooking,
  notifyBookingEvent,
  publishBookingChange,
} from "../bookings/index.ts";
import { syncSessionEvent } from "../calendars/index.ts";
import {
  refreshMentorSlots,
  refreshMentorSlotsIn,
  refreshSlotsOfSession,
} from "../directory/index.ts";
import { disputeOpened } from "../disputes/index.ts";
import { earningsReleased } from "../earnings/index.ts";
import {
  createEventRouting,
  type EventRouting,
  inTransactionOf,
  onEvent,
} from "../events/index.ts";
import {
  enqueueCreditNoteForRefund,
  enqueueInvoiceForPayment,
  invoiceIssued,
} from "../invoices/index.ts";
import { refreshMentorEmbedding } from "../matching/index.ts";
import { mentorApplicationDecided } from "../mentors/index.ts";
import { messageReported, messageSent } from "../messages/index.ts";
import {
  checkAvatar,
  checkProfileText,
  moderationCaseDecided,
  moderationCaseOpened,
} from "../moderation/index.ts";
import {
  notifyApplicationDecided,
  notifyBookingChange,
  notifyDisputeOpened,
  notifyEarningsReleased,
  notifyInvoiceReady,
  notifyModeration,
  notifyModerationDecided,
  notifyNewMessage,
  notifyPaymentFailed,
  notifyPaymentSucceeded,
  notifyPayout,
  notifyPayoutRequested,
  notifyRefund,
  notifyReview,
  notifyWebhookFailed,
} from "../notifications/index.ts";
import {
  paymentFailed,
  paymentRefunded,
  paymentSettled,
  refundMentorNoShow,
  settleCancelledBooking,
  webhookFailed,
} from "../payments/index.ts";
import { payoutApproved, payoutFailed, payoutPaid, payoutRequested } from "../payouts/index.ts";
import { profileChanged } from "../profiles/index.ts";
import {
  planReviewReminder,
  reviewAnswered,
  reviewReminderDue,
  reviewSubmitted,
} from "../reviews/index.ts";
import { attendanceRecorded, scheduleVideoRoom } from "../video/index.ts";
import { fanOutEvent } from "../webhook-endpoints/index.ts";
import type { AppServices } from "./types.ts";

/**
 * Who listens to what: the only place that knows (decision 019). A domain records its events
 * and exports handlers; it never names another domain's reaction. A "job" subscriber runs in its
 * own `event.deliver` job; an in-transaction one commits with the change (see Subscription).
 * Realtime (issue #15) adds its subscribers here.
 */
/** The profile fields that are public text (what moderation and matching read). */
const profileTextFields = new Set(["headline", "bio", "skills", "offerings"]);

export const subscriptions = [
  // Settlement records payment.settled; the booking it paid is confirmed in the same commit
  // (the money was captured for it: the two must not exist one without the other).
  inTransactionOf(
    paymentSettled,
    "bookings.confirm-paid-booking",
    (event, services: AppServices, tx) => confirmPaidBooking(services, tx, event),
  ),
  // The VAT invoice of a booking payment (decision 006); top-ups and wallet credits get none.
  inTransactionOf(
    paymentSettled,
    "invoices.issue-invoice",
    async (event, services: AppServices, tx) => {
      if (event.data.purpose !== "BOOKING" || event.data.creditedToWallet) return;
      await enqueueInvoiceForPayment(services.boss, tx, event.data.paymentId);
    },
  ),
  // Every refund of a booking payment corrects its invoice with a credit note.
  inTransactionOf(
    paymentRefunded,
    "invoices.issue-credit-note",
    (event, services: AppServices, tx) =>
      enqueueCreditNoteForRefund(services.boss, tx, event.data.refundId),
  ),
  // Booking e-mails (and the reminders of a confirmed one).
  inTransactionOf(
    bookingConfirmed,
    "bookings.notify-confirmed",
    (event, services: AppServices, tx) =>
      notifyBookingEvent(
        services,
        tx,
        "confirmed",
        { ...event.data, status: "CONFIRMED" },
        new Date(event.occurredAt),
      ),
  ),
  // A cancelled booking's money, in the cancelling commit: an open checkout closes, a paid one is
  // refunded in full (REFUND_DESTINATION). Before the e-mail, which states the refund.
  inTransactionOf(
    bookingCancelled,
    "payments.settle-cancelled-booking",
    (event, services: AppServices, tx) =>
      settleCancelledBooking(
        services,
        tx,
        {
          bookingId: event.data.bookingId,
          reason: event.data.refundReason,
          requestedById: event.data.cancelledById,
        },
        new Date(event.occurredAt),
      ),
  ),
  inTransactionOf(
    bookingCancelled,
    "bookings.notify-cancelled",
    (event, services: AppServices, tx) =>
      notifyBookingEvent(services, tx, "cancelled", event.data, new Date(event.occurredAt)),
  ),
  inTransactionOf(bookingMoved, "bookings.notify-moved", (event, services: AppServices, tx) =>
    notifyBookingEvent(services, tx, "rescheduled", event.data, new Date(event.occurredAt)),
  ),
  // The session's video room: planned when a place is confirmed, planned anew when it moves.
  inTransactionOf(
    bookingConfirmed,
    "video.plan-room-confirmed",
    (event, services: AppServices, tx) => scheduleVideoRoom(services, tx, event.data.bookingId),
  ),
  inTransactionOf(bookingMoved, "video.plan-room-moved", (event, services: AppServices, tx) =>
    scheduleVideoRoom(services, tx, event.data.bookingId),
  ),
  // Realtime (issue #15): the mentor's calendar and the mentee's pages follow their bookings
  // live, told in the commit that changed them.
  ...[bookingConfirmed, bookingCancelled, bookingMoved, bookingExpired].map((event) =>
    inTransactionOf(event, `realtime.${event.type}`, (e, _services: AppServices, tx) =>
      publishBookingChange(tx, e.data.bookingId),
    ),
  ),
  // Calendars (issue #18): the mentor's Google Calendar follows their sessions, in its own job
  // (Google may be slow or down; the sync is idempotent and converges whatever the order).
  ...[bookingConfirmed, bookingCancelled, bookingMoved].map((event) =>
    onEvent(event, `calendars.google-event:${event.type}`, async (e, services: AppServices) => {
      await syncSessionEvent(services, e.data.sessionId);
    }),
  ),
  // A mentor who did not come: payments refunds every participant, in its own job.
  onEvent(
    attendanceRecorded,
    "payments.refund-mentor-no-show",
    async (event, services: AppServices) => {
      if (event.data.verdict !== "MENTOR_NO_SHOW") return;
      await refundMentorNoShow(services, event.data.sessionId);
    },
  ),
  // Moderation (issue #16): a profile's public text and its avatar are checked, each in its own
  // job (a provider call may be slow or fail and retry), when they changed.
  onEvent(profileChanged, "moderation.check-profile", async (event, services: AppServices) => {
    if (!event.data.fields.some((field) => profileTextFields.has(field))) return;
    await checkProfileText(services, event.data.userId);
  }),
  onEvent(profileChanged, "moderation.check-avatar", async (event, services: AppServices) => {
    if (!event.data.fields.includes("avatar")) return;
    await checkAvatar(services, event.data.userId);
  }),
  // Matching: a mentor's stored embedding follows their profile (providers with `embed`).
  onEvent(profileChanged, "matching.refresh-embedding", async (event, services: AppServices) => {
    if (!event.data.fields.some((field) => profileTextFields.has(field))) return;
    await refreshMentorEmbedding(services, event.data.userId);
  }),
  // Activity feeds (decision 037): every event type listed in activity/feed-events.ts is
  // projected into the feeds of the people it concerns, in its own job (a feed failure never
  // touches the change that recorded the event), which also tells their open pages.
  ...activityFeed.map(({ event }) =>
    onEvent(event, `activity.project:${event.type}`, (recorded, services: AppServices) =>
      projectActivity(services, recorded),
    ),
  ),
  // Notifications (issue #15, decision 033): each event tells the people it concerns, in its own
  // job (a failure to notify never holds the change back). "Session starting" is planned by the
  // confirmed/moved reactions.
  onEvent(bookingConfirmed, "notifications.booking-confirmed", notifyBookingChange("confirmed")),
  onEvent(bookingCancelled, "notifications.booking-cancelled", notifyBookingChange("cancelled")),
  onEvent(bookingMoved, "notifications.booking-moved", notifyBookingChange("moved")),
  onEvent(paymentSettled, "notifications.payment-succeeded", notifyPaymentSucceeded),
  onEvent(paymentFailed, "notifications.payment-failed", notifyPaymentFailed),
  onEvent(paymentRefunded, "notifications.refund", notifyRefund),
  onEvent(invoiceIssued, "notifications.invoice-ready", notifyInvoiceReady),
  onEvent(payoutRequested, "notifications.payout-requested", notifyPayoutRequested),
  onEvent(payoutApproved, "notifications.payout-approved", notifyPayout("PAYOUT_APPROVED")),
  onEvent(payoutPaid, "notifications.payout-paid", notifyPayout("PAYOUT_PAID")),
  onEvent(payoutFailed, "notifications.payout-failed", notifyPayout("PAYOUT_FAILED")),
  onEvent(earningsReleased, "notifications.earnings-released", notifyEarningsReleased),
  onEvent(mentorApplicationDecided, "notifications.application-decided", notifyApplicationDecided),
  onEvent(webhookFailed, "notifications.webhook-failed", notifyWebhookFailed),
  onEvent(disputeOpened, "notifications.dispute-opened", notifyDisputeOpened),
  // Messages: the recipients' "new message" (e-mailed only if still unread after its delay), and
  // a reported or flagged message for the admins' moderation queue.
  onEvent(messageSent, "notifications.new-message", (event, services: AppServices) =>
    notifyNewMessage(
      { ...event, data: { ...event.data, path: `/messages/${event.data.conversationId}` } },
      services,
    ),
  ),
  onEvent(messageReported, "notifications.message-reported", (event, services: AppServices) =>
    notifyModeration(
      { ...event, data: { subjectId: event.data.reportId, path: "/admin/message-reports" } },
      services,
    ),
  ),
  // Moderation (ai-wire): a case queued for the admins (profile text, avatar, application) tells
  // them; an admin's decision tells the author in the app (moderation e-mails them itself).
  onEvent(
    moderationCaseOpened,
    "notifications.moderation-case-opened",
    (event, services: AppServices) =>
      notifyModeration(
        { ...event, data: { subjectId: event.data.caseId, path: "/admin/moderation" } },
        services,
      ),
  ),
  onEvent(moderationCaseDecided, "notifications.moderation-decided", notifyModerationDecided),
  // Outgoing webhooks (issue #18, decision 053): each event integrators may subscribe to is
  // fanned out to the endpoints that want it, in its own job (a slow receiver never holds the
  // change back; each delivery then retries on its own).
  ...[
    bookingConfirmed,
    bookingCancelled,
    bookingMoved,
    paymentSettled,
    paymentRefunded,
    payoutPaid,
    payoutFailed,
  ].map((event) =>
    onEvent(event, `webhook-endpoints.fan-out:${event.type}`, (recorded, services: AppServices) =>
      fanOutEvent(services, recorded).then(() => undefined),
    ),
  ),
  // Reviews (issue #18, decision 049): "rate your session" is planned a day after an attended
  // session, in the commit that records its attendance.
  inTransactionOf(
    attendanceRecorded,
    "reviews.plan-reminder",
    async (event, services: AppServices, tx) => {
      if (event.data.verdict !== "ATTENDED") return;
      await planReviewReminder(services, tx, event.data.sessionId);
    },
  ),
  // The mentor hears of a new review, the reviewer of the answer, the participant of the
  // reminder; a review or answer moderation flagged waits in the admins' /admin/reviews.
  onEvent(reviewSubmitted, "notifications.review-received", (event, services: AppServices) =>
    notifyReview("REVIEW_RECEIVED")(
      {
        ...event,
        data: {
          recipientId: event.data.mentorId,
          subjectId: event.data.reviewId,
          path: `/bookings/${event.data.bookingId}`,
          title: event.data.title,
          rating: event.data.rating,
        },
      },
      services,
    ),
  ),
  onEvent(reviewAnswered, "notifications.review-answered", (event, services: AppServices) =>
    notifyReview("REVIEW_ANSWERED")(
      {
        ...event,
        data: {
          recipientId: event.data.authorId,
          subjectId: event.data.reviewId,
          path: `/bookings/${event.data.bookingId}`,
          title: event.data.title,
        },
      },
      services,
    ),
  ),
  onEvent(reviewReminderDue, "notifications.review-reminder", (event, services: AppServices) =>
    notifyReview("REVIEW_REMINDER")(
      {
        ...event,
        data: {
          recipientId: event.data.menteeId,
          subjectId: event.data.bookingId,
          path: `/bookings/${event.data.bookingId}#review`,
          title: event.data.title,
        },
      },
      services,
    ),
  ),
  ...[reviewSubmitted, reviewAnswered].map((definition) =>
    onEvent(
      definition,
      `notifications.${definition.type}-flagged`,
      (event, services: AppServices) =>
        event.data.flagged
          ? notifyModeration(
              {
                ...event,
                data: { subjectId: event.data.reviewId, path: "/admin/reviews?filter=flagged" },
              },
              services,
            )
          : Promise.resolve(),
    ),
  ),
  // Directory (decision 048): the availability summary follows what changes a mentor's free
  // times. The mentor's own edits commit with it (their next search shows it); bookings refresh
  // in a job (a slot taken by someone else may show for a few seconds, the mentor page is exact).
  inTransactionOf(
    availabilityChanged,
    "directory.refresh-slots:availability.changed",
    async (event, _services: AppServices, tx) => {
      await refreshMentorSlotsIn(tx, event.data.mentorId);
    },
  ),
  inTransactionOf(
    profileChanged,
    "directory.refresh-slots:profile.changed",
    async (event, _services: AppServices, tx) => {
      if (!event.data.fields.some((field) => field === "timezone" || field === "offerings")) return;
      await refreshMentorSlotsIn(tx, event.data.userId);
    },
  ),
  onEvent(
    mentorApplicationDecided,
    "directory.refresh-slots:mentor.application-decided",
    async (event, services: AppServices) => {
      await refreshMentorSlots(services.prisma, event.data.userId);
    },
  ),
  // A paid hold takes its slot too (decision 058): refreshed like a confirmed booking.
  ...[bookingConfirmed, bookingCancelled, bookingMoved, bookingExpired, bookingHeld].map((event) =>
    onEvent(event, `directory.refresh-slots:${event.type}`, async (e, services: AppServices) => {
      await refreshSlotsOfSession(services.prisma, e.data.sessionId);
    }),
  ),
];

export function createAppEventRouting(): EventRouting<AppServices> {
  return createEventRouting<AppServices>(subscriptions);
}

/**
 * What the browser may import from core: enums (status lists declared once) and the input
 * schemas of forms. Client-safe: this module graph reaches zod and nothing else (no Prisma, pg,
 * `node:` modules, services); `contracts.test.ts` walks the graph and fails otherwise. Core's
 * procedures build their schemas from these, so a status added here is offered everywhere.
 * Every top-level zod call is marked pure: a page that imports only a status list ships no zod.
 */
import { z } from "zod";

export const paymentStatuses = ["PENDING", "SUCCEEDED", "FAILED", "EXPIRED", "CANCELLED"] as const;
export const paymentStatus = /* @__PURE__ */ z.enum(paymentStatuses);
export type PaymentStatus = (typeof paymentStatuses)[number];

export const payoutStatuses = [
  "REQUESTED",
  "APPROVED",
  "PROCESSING",
  "PAID",
  "REJECTED",
  "CANCELLED",
] as const;
export const payoutStatus = /* @__PURE__ */ z.enum(payoutStatuses);
export type PayoutStatus = (typeof payoutStatuses)[number];

export const payoutMethodKinds = ["STRIPE_CONNECT", "PAYPAL", "BANK_TRANSFER", "SANDBOX"] as const;
export const payoutMethodKind = /* @__PURE__ */ z.enum(payoutMethodKinds);
export type PayoutMethodKind = (typeof payoutMethodKinds)[number];

export const webhookStatuses = ["RECEIVED", "PROCESSED", "FAILED", "DEAD"] as const;
export const webhookStatus = /* @__PURE__ */ z.enum(webhookStatuses);
export type WebhookStatus = (typeof webhookStatuses)[number];

export const disputeStatuses = ["OPEN", "WON", "LOST"] as const;
export const disputeStatus = /* @__PURE__ */ z.enum(disputeStatuses);
export type DisputeStatus = (typeof disputeStatuses)[number];

export const refundDestinations = ["ORIGINAL", "WALLET"] as const;
export const refundDestination = /* @__PURE__ */ z.enum(refundDestinations);
export type RefundDestination = (typeof refundDestinations)[number];

const currencyCode = () => z.string().regex(/^[A-Z]{3}$/);

/** Admin → Payments' filters (the list and its CSV). */
export const adminPaymentFilters = /* @__PURE__ */ (() =>
  z
    .object({
      status: paymentStatus.optional(),
      provider: z.string().max(50).optional(),
      /** Created at or after (inclusive). */
      from: z.coerce.date().optional(),
      /** Created before (exclusive). */
      to: z.coerce.date().optional(),
      /** The payer's email or name, or their exact user id. */
      user: z.string().trim().max(200).optional(),
      minAmountMinor: z.number().int().min(0).optional(),
      maxAmountMinor: z.number().int().min(0).optional(),
      currency: currencyCode().optional(),
    })
    .strict())();
export type AdminPaymentFilters = z.infer<typeof adminPaymentFilters>;

/** Admin → Payouts' history filters (the list and its CSV). */
export const adminPayoutFilters = /* @__PURE__ */ (() =>
  z
    .object({
      status: payoutStatus.optional(),
      /** The mentor's exact id, or part of their email or name. */
      mentor: z.string().trim().max(200).optional(),
      method: payoutMethodKind.optional(),
      /** Requested at or after (inclusive). */
      from: z.coerce.date().optional(),
      /** Requested before (exclusive). */
      to: z.coerce.date().optional(),
      minAmountMinor: z.number().int().min(0).optional(),
      maxAmountMinor: z.number().int().min(0).optional(),
      currency: currencyCode().optional(),
    })
    .strict())();
export type AdminPayoutFilters = z.infer<typeof adminPayoutFilters>;

/**
 * What a realtime message is about; `ref` is the id of that thing (issue #15). A page listens to
 * the topics it shows and re-reads the thing by id with the viewer's rights. Append new topics.
 */
export const realtimeTopics = [
  // a notification row was created or changed (ref: notification id)
  "notification",
  // a conversation got a message, a read receipt or a typing signal (ref: conversation id)
  "conversation",
  // a payment's status changed (ref: payment id)
  "payment",
  // a booking was created, confirmed, cancelled or moved (ref: booking id)
  "booking",
  // someone joined or left a session's call (ref: video session id)
  "presence",
  // admins: the payout approval queue changed (ref: payout id)
  "admin.payouts",
  // admins: a webhook failed or was retried (ref: webhook event id)
  "admin.webhooks",
  // a new entry in the person's activity feed (ref: domain event id)
  "activity",
  // the other participant is typing in a conversation, for a few seconds (ref: conversation id)
  "conversation.typing",
  // moderation withheld, queued or decided the person's content (ref: moderation case id)
  "moderation",
  // admins: the moderation queue changed (ref: moderation case id)
  "admin.moderation",
] as const;

export type RealtimeTopic = (typeof realtimeTopics)[number];

/**
 * What a mentee asks matching for (issue #16): at sign-up, on the matches page, in the
 * directory's "Describe what you need" box. `from`/`to` are wall times in `timeZone`
 * (`YYYY-MM-DDTHH:mm`, what an `<input type="datetime-local">` sends).
 */
const localDateTime = () =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Use YYYY-MM-DDTHH:mm");
export const matchRequestForm = /* @__PURE__ */ (() =>
  z
    .object({
      text: z.string().trim().min(3).max(2000),
      /** ISO 639-1 codes, most preferred first. */
      languages: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^[a-z]{2}$/),
        )
        .max(5)
        .default([]),
      budget: z
        .object({
          maxMinor: z.number().int().min(0).max(100_000_000),
          currency: z
            .string()
            .trim()
            .toUpperCase()
            .regex(/^[A-Z]{3}$/),
        })
        .strict()
        .optional(),
      when: z
        .object({ from: localDateTime(), to: localDateTime() })
        .strict()
        .refine((when) => when.from < when.to, {
          message: "The end must be after the start",
          path: ["to"],
        })
        .optional(),
    })
    .strict())();
export type MatchRequestForm = z.input<typeof matchRequestForm>;
// ── E-invoicing (issue #17): French company identifiers on the billing form ─────────────────────
export { isValidSiren, isValidSiret, normalizeCompanyId } from "./company-ids.ts";
// Activity feeds (issue #15, decision 037)

/**
 * What an activity entry is about: the feed's kind filter. A mentee's feed holds session,
 * payment, refund and invoice entries; a mentor's booking, cancellation, earnings and payout
 * ones; the admins' platform feed any of them plus dispute, webhook and attendance.
 */
export const activityKinds = [
  "session",
  "payment",
  "refund",
  "invoice",
  "booking",
  "cancellation",
  "earnings",
  "payout",
  "dispute",
  "webhook",
  "attendance",
  // The applicant's own mentor application decision (approved or rejected).
  "application",
] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** The feed's filter form (kind, period as days in the viewer's time zone), as the page sends it. */
export const activityFilters = /* @__PURE__ */ (() =>
  z
    .object({
      kind: z.enum(activityKinds).optional(),
      /** First day shown (YYYY-MM-DD, the viewer's time zone), inclusive. */
      from: z.iso.date().optional(),
      /** Last day shown (YYYY-MM-DD, the viewer's time zone), inclusive. */
      to: z.iso.date().optional(),
    })
    .strict())();
export type ActivityFilters = z.infer<typeof activityFilters>;
/**
 * Notifications (issue #15): every kind a person can be told about, in display order. The
 * account page's preference form lists them; `admin: true` kinds only for admins.
 */
export const notificationKinds = [
  "BOOKING_CONFIRMED",
  "BOOKING_CANCELLED",
  "BOOKING_MOVED",
  "SESSION_STARTING",
  "PAYMENT_SUCCEEDED",
  "PAYMENT_FAILED",
  "REFUND_ISSUED",
  "INVOICE_READY",
  "NEW_MESSAGE",
  "PAYOUT_APPROVED",
  "PAYOUT_PAID",
  "PAYOUT_FAILED",
  "EARNINGS_RELEASED",
  "APPLICATION_DECIDED",
  "ADMIN_PAYOUT_REQUESTED",
  "ADMIN_WEBHOOK_FAILED",
  "ADMIN_DISPUTE_OPENED",
  "ADMIN_MODERATION",
  "MODERATION_DECIDED",
  "REVIEW_RECEIVED",
  "REVIEW_ANSWERED",
  "REVIEW_REMINDER",
] as const;
export const notificationKind = /* @__PURE__ */ z.enum(notificationKinds);
export type NotificationKind = (typeof notificationKinds)[number];

/** Kinds only admins receive (and see in their preferences). */
export const adminNotificationKinds: readonly NotificationKind[] = [
  "ADMIN_PAYOUT_REQUESTED",
  "ADMIN_WEBHOOK_FAILED",
  "ADMIN_DISPUTE_OPENED",
  "ADMIN_MODERATION",
];

/** Kinds whose e-mail channel is not offered (a reminder e-mailed after it happened is noise). */
export const inAppOnlyNotificationKinds: readonly NotificationKind[] = ["SESSION_STARTING"];

// s6-api: API keys (issue #18, decision 052)

/**
 * What an API key may read, one scope per resource. Keys are read-only: no scope writes, and
 * none reaches money or admin procedures (the tRPC scope guard refuses anything not tagged).
 */
export const apiScopes = ["mentors:read", "bookings:read", "payments:read"] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Days an API key may live when it expires; none = until revoked. */
export const apiKeyExpiryDays = [7, 30, 90, 365] as const;

/** The account page's "new API key" form. */
export const apiKeyForm = /* @__PURE__ */ (() =>
  z
    .object({
      name: z.string().trim().min(1).max(64),
      scopes: z.array(z.enum(apiScopes)).min(1).max(apiScopes.length),
      /** Days until it expires; absent: until revoked. */
      expiresInDays: z
        .number()
        .int()
        .refine((days) => (apiKeyExpiryDays as readonly number[]).includes(days), {
          message: `One of ${apiKeyExpiryDays.join(", ")}`,
        })
        .optional(),
    })
    .strict())();
export type ApiKeyForm = z.input<typeof apiKeyForm>;
// s6-webhooks: outgoing webhooks (issue #18, decision 053)

/** The event types an integrator's endpoint may subscribe to (the payloads: docs/webhooks.md). */
export const webhookEventTypes = [
  "booking.confirmed",
  "booking.cancelled",
  "booking.moved",
  "payment.settled",
  "payment.refunded",
  "payout.paid",
  "payout.failed",
] as const;
export const webhookEventType = /* @__PURE__ */ z.enum(webhookEventTypes);
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookDeliveryStatuses = ["PENDING", "SUCCEEDED", "FAILED"] as const;
export const webhookDeliveryStatus = /* @__PURE__ */ z.enum(webhookDeliveryStatuses);

/** The endpoint form: a URL (checked again on the server: https, public address), events, text. */
export const webhookEndpointForm = /* @__PURE__ */ z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    description: z.string().trim().max(500).default(""),
    events: z.array(webhookEventType).min(1).max(webhookEventTypes.length),
  })
  .strict();
// Directory (issue #18): the sorts, times of day and availability windows the filters offer.
export const directorySorts = ["relevance", "rating", "price", "soonest"] as const;
export const directorySort = /* @__PURE__ */ z.enum(directorySorts);
export type DirectorySort = (typeof directorySorts)[number];

/** Hours of the viewer's day, [from, to): morning 05–12, afternoon 12–17, evening 17–24. */
export const timesOfDay = ["morning", "afternoon", "evening"] as const;
export const timeOfDay = /* @__PURE__ */ z.enum(timesOfDay);
export type TimeOfDay = (typeof timesOfDay)[number];
export const timeOfDayHours: Record<TimeOfDay, readonly [number, number]> = {
  morning: [5, 12],
  afternoon: [12, 17],
  evening: [17, 24],
};

/** The "available within" choices the directory offers, in days (the summary covers 30). */
export const availabilityWindows = [3, 7, 14, 30] as const;

/**
 * The directory counts its matches up to this many: above it the total is this with
 * `totalIsCapped` ("100+ mentors"), so a search never counts every mentor (decision 071).
 */
export const directoryTotalCap = 100;

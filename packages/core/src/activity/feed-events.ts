import {
  bookingCancelled,
  bookingConfirmed,
  bookingExpired,
  bookingMoved,
} from "../bookings/index.ts";
import { disputeOpened } from "../disputes/index.ts";
import { earningsReleased, sessionCompleted } from "../earnings/index.ts";
import { invoiceIssued } from "../invoices/index.ts";
import { mentorApplicationDecided } from "../mentors/index.ts";
import {
  paymentFailed,
  paymentRefunded,
  paymentSettled,
  webhookFailed,
} from "../payments/index.ts";
import { payoutApproved, payoutFailed, payoutPaid, payoutRequested } from "../payouts/index.ts";
import { attendanceRecorded } from "../video/index.ts";
import {
  bookingPeople,
  feed,
  invoiceOwner,
  mentorOf,
  nobody,
  payerOf,
  sessionPeople,
  userOf,
} from "./mapping.ts";

/**
 * The event types of the activity feeds, one line each: the event, whose own feed it goes to
 * (and as what kind), and its kind on the admins' platform feed (null: not there). Adding an
 * event type to the feeds is adding its line here; app/subscriptions.ts subscribes to each.
 */
export const activityFeed = [
  feed(bookingConfirmed, bookingPeople({ mentee: "session", mentor: "booking" }), "booking"),
  feed(bookingMoved, bookingPeople({ mentee: "session", mentor: "booking" }), "booking"),
  feed(
    bookingCancelled,
    bookingPeople({ mentee: "session", mentor: "cancellation" }),
    "cancellation",
  ),
  feed(bookingExpired, bookingPeople({ mentee: "session", mentor: null }), null),
  feed(sessionCompleted, sessionPeople({ mentee: "session", mentor: "booking" }), "booking"),
  feed(attendanceRecorded, nobody, "attendance"),
  feed(paymentSettled, payerOf("payment"), "payment"),
  feed(paymentRefunded, payerOf("refund"), "refund"),
  feed(earningsReleased, mentorOf("earnings"), "earnings"),
  feed(payoutPaid, mentorOf("payout"), "payout"),
  feed(payoutFailed, mentorOf("payout"), "payout"),
  feed(invoiceIssued, invoiceOwner("invoice"), "invoice"),
  feed(paymentFailed, payerOf("payment"), "payment"),
  feed(payoutRequested, mentorOf("payout"), "payout"),
  feed(payoutApproved, mentorOf("payout"), "payout"),
  feed(disputeOpened, nobody, "dispute"),
  feed(webhookFailed, nobody, "webhook"),
  // The applicant's own line; admins took the decision (their applications page lists them).
  feed(mentorApplicationDecided, userOf("application"), null),
];

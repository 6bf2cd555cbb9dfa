import {
  bookingCancelled,
  bookingConfirmed,
  bookingExpired,
  bookingMoved,
} from "../bookings/index.ts";
import { earningsReleased, sessionCompleted } from "../earnings/index.ts";
import { paymentRefunded, paymentSettled } from "../payments/index.ts";
import { payoutFailed, payoutPaid } from "../payouts/index.ts";
import { attendanceRecorded } from "../video/index.ts";
import { bookingPeople, feed, mentorOf, nobody, payerOf, sessionPeople } from "./mapping.ts";

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
];

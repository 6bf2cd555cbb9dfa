export {
  cancelBookingByMentee,
  cancelSessionByMentor,
  cancelSessionInTransaction,
} from "./cancel-booking.ts";
export { bookingsConfig } from "./config.ts";
export { confirmPaidBooking } from "./confirm-paid-booking.ts";
export {
  bookingCancelled,
  bookingConfirmed,
  bookingExpired,
  bookingHeld,
  bookingMoved,
} from "./events.ts";
export { expireHold } from "./expire-hold.job.ts";
export { expireHoldQueue } from "./expire-hold.queue.ts";
export { holdSlot } from "./hold-slot.ts";
export { bookingFeedEvents, FEED_PAST_DAYS } from "./ics/booking-feed.ts";
export { icsContentType } from "./ics/booking-ics.ts";
export { type IcsEventInput, renderIcsCalendar } from "./ics/render-ics.ts";
export { bookingNotifyQueue } from "./notifications/booking-notify.queue.ts";
export { bookingReminderQueue } from "./notifications/booking-reminder.queue.ts";
export { notifyBookingEvent } from "./notifications/enqueue-booking-event.ts";
export { publishBookingChange } from "./publish-booking-change.ts";
export { liveBookingStatuses } from "./snapshot.ts";

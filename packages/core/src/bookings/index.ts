export {
  cancelBookingByMentee,
  cancelSessionByMentor,
  cancelSessionInTransaction,
} from "./cancel-booking.ts";
export { expireHold, expireHoldJob } from "./expire-hold.job.ts";
export { holdSlot } from "./hold-slot.ts";
export { bookingNotifyJob } from "./notifications/booking-notify.job.ts";
export { bookingReminderJob } from "./notifications/booking-reminder.job.ts";
export { deterministicJobId } from "./notifications/deterministic-job-id.ts";
export { enqueueBookingEvent } from "./notifications/enqueue-booking-event.ts";
export { liveBookingStatuses } from "./snapshot.ts";

export { confirmPaidBooking } from "./confirm-paid-booking.ts";
export { bookingCancelled, bookingConfirmed, bookingExpired, bookingMoved } from "./events.ts";

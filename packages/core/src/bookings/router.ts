import { router } from "../trpc/init.ts";
import { apiListMine } from "./procedures/api-list-my-bookings.ts";
import { cancel } from "./procedures/cancel-booking.ts";
import { cancelSession } from "./procedures/cancel-session.ts";
import { get } from "./procedures/get-booking.ts";
import { ics } from "./procedures/get-booking-ics.ts";
import { priceDetails } from "./procedures/get-price-details.ts";
import { hold } from "./procedures/hold-slot.ts";
import { listMine } from "./procedures/list-my-bookings.ts";
import { previousMentors } from "./procedures/list-previous-mentors.ts";
import { listSessions } from "./procedures/list-sessions.ts";
import { rescheduleSession } from "./procedures/reschedule-session.ts";

export const bookingsRouter = router({
  hold,
  listMine,
  get,
  cancel,
  ics,
  previousMentors,
  apiListMine,
  priceDetails,
});

export const mentorSessionsRouter = router({
  list: listSessions,
  cancel: cancelSession,
  reschedule: rescheduleSession,
});

import { router } from "../trpc/init.ts";
import { cancel } from "./cancel.ts";
import { get } from "./get.ts";
import { hold } from "./hold.ts";
import { ics } from "./ics.ts";
import { listMine } from "./list-mine.ts";
import { cancelSession, listSessions, rescheduleSession } from "./mentor-sessions.ts";
import { previousMentors } from "./previous-mentors.ts";

export const bookingsRouter = router({ hold, listMine, get, cancel, ics, previousMentors });

export const mentorSessionsRouter = router({
  list: listSessions,
  cancel: cancelSession,
  reschedule: rescheduleSession,
});

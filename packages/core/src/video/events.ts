import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/** The room closed and attendance was decided (a mentor no-show is refunded by payments). */
export const attendanceRecorded = defineEvent({
  type: "session.attendance-recorded",
  version: 1,
  schema: z.object({
    sessionId: z.string(),
    verdict: z.enum(["ATTENDED", "MENTOR_NO_SHOW", "MENTEE_NO_SHOW", "NO_ATTENDANCE"]),
  }),
  key: (data) => [data.sessionId],
});

import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/** An admin decided a mentor application (`admin` approval mode). */
export const mentorApplicationDecided = defineEvent({
  type: "mentor.application-decided",
  version: 1,
  schema: z.object({ userId: z.string(), status: z.enum(["APPROVED", "REJECTED"]) }),
  key: (data) => [data.userId, data.status],
});

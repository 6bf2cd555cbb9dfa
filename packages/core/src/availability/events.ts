import { z } from "zod";
import { defineEvent } from "../events/index.ts";

/**
 * A mentor's offered times changed: weekly rules, a date override, or a booking setting
 * (pause, notice, buffer, horizon). Each change is its own fact (`changeId`).
 */
export const availabilityChanged = defineEvent({
  type: "availability.changed",
  version: 1,
  schema: z.object({ mentorId: z.string(), changeId: z.uuid() }),
  key: (data) => [data.changeId],
});

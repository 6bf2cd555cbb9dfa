import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { googleCalendarState } from "../google/connection.ts";

/**
 * The mentor's Google Calendar: whether Google is configured, the connection (status, why it
 * broke, the chosen calendars, the last busy fetch) and their calendar list when connected.
 */
export const googleCalendar = mentorProcedure
  .output(
    z.object({
      configured: z.boolean(),
      connection: z
        .object({
          status: z.enum(["CONNECTED", "BROKEN"]),
          brokenReason: z.string().nullable(),
          busyCalendarIds: z.array(z.string()),
          targetCalendarId: z.string().nullable(),
          busyFetchedAt: z.date().nullable(),
        })
        .nullable(),
      calendars: z.array(
        z.object({ id: z.string(), name: z.string(), primary: z.boolean(), writable: z.boolean() }),
      ),
      calendarsUnavailable: z.boolean(),
    }),
  )
  .query(({ ctx }) => googleCalendarState(ctx.services, ctx.user.id));

import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { googleCalendarState, saveGoogleCalendarChoice } from "../google/connection.ts";

const calendarId = z.string().min(1).max(300);

/** Which calendars block the mentor's availability, and which one receives their sessions. */
export const saveGoogleCalendars = mentorProcedure
  .input(
    z
      .object({
        busyCalendarIds: z.array(calendarId).max(50),
        targetCalendarId: calendarId.nullable(),
      })
      .strict(),
  )
  .output(z.object({ saved: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const state = await googleCalendarState(ctx.services, ctx.user.id);
    if (state.connection?.status !== "CONNECTED") throw appError("GOOGLE_CALENDAR_NOT_CONNECTED");
    if (state.calendarsUnavailable) throw appError("GOOGLE_CALENDAR_UNAVAILABLE");
    const result = await saveGoogleCalendarChoice(
      ctx.services,
      ctx.user.id,
      input,
      state.calendars,
    );
    if (result === "invalid") throw appError("GOOGLE_CALENDAR_INVALID_CHOICE");
    return { saved: true as const };
  });

import { z } from "zod";
import { mentorProcedure } from "../../trpc/init.ts";
import { disconnectGoogleCalendar } from "../google/connection.ts";

/** Revokes and forgets the mentor's Google Calendar grant, with its cached busy times. */
export const disconnectGoogle = mentorProcedure
  .output(z.object({ disconnected: z.literal(true) }))
  .mutation(async ({ ctx }) => {
    await disconnectGoogleCalendar(ctx.services, ctx.user.id);
    return { disconnected: true as const };
  });

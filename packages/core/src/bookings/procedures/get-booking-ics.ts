import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { bookingIcs } from "../ics/booking-ics.ts";

/** The booking as an iCalendar file, for its mentee or mentor only. */
export const ics = authedProcedure
  .input(z.object({ bookingId: z.string().min(1).max(100) }).strict())
  .output(z.object({ filename: z.string(), content: z.string() }))
  .query(async ({ ctx, input }) => {
    const file = await bookingIcs(
      ctx.services.prisma,
      input.bookingId,
      ctx.user.id,
      ctx.services.config.app.publicUrl,
    );
    if (!file) throw appError("NOT_FOUND");
    return file;
  });

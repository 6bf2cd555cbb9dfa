import { z } from "zod";
import type { AppServices } from "../../app/types.ts";
import {
  offeredSlotCalendar,
  readSlotCalendarSources,
  slotCalendarOf,
} from "../../availability/index.ts";
import { appError } from "../../errors/index.ts";
import { isTimeZone } from "../../trpc/context.ts";
import { publicProcedure } from "../../trpc/init.ts";
import { checkSlotRange, instant, optionForSlots, publicSlot, toPublicSlot } from "./list-slots.ts";

export const slotCalendarInput = z
  .object({
    optionId: z.string().min(1).max(100),
    from: instant,
    to: instant,
    /** Cut days in this zone instead of the viewer's (the scheduler's time-zone picker). */
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
    /** The day whose times are wanted ("YYYY-MM-DD" in the zone); default the first free one. */
    date: z.iso.date().optional(),
  })
  .strict()
  .superRefine(checkSlotRange);

export const slotCalendarOutput = z.object({
  /** The zone the days are cut in: `timeZone`, else the viewer's. */
  timezone: z.string(),
  /** The mentor is not taking bookings for now: no days. */
  paused: z.boolean(),
  /** Days ("YYYY-MM-DD") with at least one free slot, ascending. */
  freeDays: z.array(z.string()),
  /** The day whose times follow: `date`, else the first free day, else null. */
  date: z.string().nullable(),
  times: z.array(publicSlot),
});

/**
 * The scheduler's month (issue #14): the free days of [from, to) (at most 31 days) and the
 * times of one day, computed from one read of the mentor's rows: each day stops at its first
 * free slot, only the chosen day is computed in full. NOT_FOUND like `slots`. The option and
 * the mentor's rows come from one statement; a Google Calendar whose busy times are stale is
 * refreshed first, then read as `slots` reads it.
 */
export const slotCalendar = publicProcedure
  .input(slotCalendarInput)
  .output(slotCalendarOutput)
  .query(async ({ ctx, input }) => {
    const timezone = input.timeZone ?? ctx.timezone;
    const range = {
      from: input.from,
      to: input.to,
      now: new Date(),
      timeZone: timezone,
      date: input.date ?? null,
    };
    const paused = { timezone, paused: true, freeDays: [], date: null, times: [] };
    // One statement for the option's rules and the mentor's rows (decision 078).
    const read = await readSlotCalendarSources(ctx.services.pool, input.optionId, range);
    if (read.reason === "OFFERING_UNAVAILABLE") throw appError("NOT_FOUND");
    if (read.reason !== null) return paused;
    let calendar: Awaited<ReturnType<typeof offeredSlotCalendar>>;
    if (read.google && isStale(read.google.busyFetchedAt, range.now, ctx.services)) {
      // Busy times to refresh first (bounded wait): the reads again once they are in.
      const option = await optionForSlots(ctx.services, input.optionId);
      if (!option) return paused;
      calendar = await offeredSlotCalendar(ctx.services.prisma, option, range);
    } else {
      calendar = slotCalendarOf(read.sources, range);
    }
    return {
      timezone,
      paused: false,
      freeDays: calendar.freeDays,
      date: calendar.date,
      times: calendar.times.map(toPublicSlot),
    };
  });

/** As `refreshStaleBusy` decides it: never fetched, or longer ago than the busy times' TTL. */
function isStale(
  fetchedAt: Date | null,
  now: Date,
  services: Pick<AppServices, "config">,
): boolean {
  return !fetchedAt || now.getTime() - fetchedAt.getTime() >= services.config.calendars.busyTtlMs;
}

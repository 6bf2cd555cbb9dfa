import { z } from "zod";
import type { AppServices } from "../../app/types.ts";
import {
  type BookableOption,
  groupSlotsByViewerDay,
  loadBookableOption,
  offeredSlots,
  type Slot,
  unbookableReason,
} from "../../availability/index.ts";
import { refreshStaleBusy } from "../../calendars/index.ts";
import { appError } from "../../errors/index.ts";
import { isTimeZone } from "../../trpc/context.ts";
import { publicProcedure } from "../../trpc/init.ts";

export const maxSlotRangeDays = 31;
const DAY_MS = 86_400_000;

/** A Date (superjson) or an ISO 8601 string with its offset. */
export const instant = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);

/** From before to, at most maxSlotRangeDays apart (zod superRefine). */
export function checkSlotRange(input: { from: Date; to: Date }, ctx: z.RefinementCtx): void {
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0)) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "Must be after from" });
  } else if (span > maxSlotRangeDays * DAY_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: `At most ${maxSlotRangeDays} days after from`,
    });
  }
}

export const slotsInput = z
  .object({
    optionId: z.string().min(1).max(100),
    from: instant,
    to: instant,
    /** Cut days in this zone instead of the viewer's (the scheduler's time-zone picker). */
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
  })
  .strict()
  .superRefine(checkSlotRange);

export const publicSlot = z.object({
  /** ISO 8601, UTC. */
  start: z.string(),
  end: z.string(),
  /** Group offerings: seats left in this session; null for one-to-one. */
  seatsLeft: z.number().int().nullable(),
  /** Set when the slot is an existing group session to join. */
  sessionId: z.string().nullable(),
});

export const slotsOutput = z.object({
  /** The viewer's timezone the days are cut in: profile, else browser (x-timezone), else UTC. */
  timezone: z.string(),
  /** The mentor is not taking bookings for now: no days. */
  paused: z.boolean(),
  days: z.array(z.object({ date: z.string(), slots: z.array(publicSlot) })),
});

/**
 * The bookable slots of one option in [from, to) (at most 31 days), grouped by day in the
 * viewer's timezone. NOT_FOUND when the option is not on sale or its mentor is not approved.
 */
export const slots = publicProcedure
  .input(slotsInput)
  .output(slotsOutput)
  .query(({ ctx, input }) => listSlots(ctx.services, input, input.timeZone ?? ctx.timezone));

type SlotServices = Pick<AppServices, "prisma" | "auth" | "config" | "logger">;

/**
 * The option whose slots are asked for, its mentor's Google busy times refreshed when stale
 * (bounded wait); null when the mentor is not taking bookings. NOT_FOUND when not on sale.
 */
export async function optionForSlots(
  services: SlotServices,
  optionId: string,
): Promise<BookableOption | null> {
  const option = await loadBookableOption(services.prisma, optionId);
  const reason = unbookableReason(option);
  if (!option || reason === "OFFERING_UNAVAILABLE") throw appError("NOT_FOUND");
  if (reason === "MENTOR_NOT_ACCEPTING") return null;
  await refreshStaleBusy(services, option.offering.mentor.id);
  return option;
}

/** A slot as the API gives it: ISO instants, nulls for what a 1:1 slot lacks. */
export function toPublicSlot(slot: Slot): z.output<typeof publicSlot> {
  return {
    start: new Date(slot.startMs).toISOString(),
    end: new Date(slot.endMs).toISOString(),
    seatsLeft: slot.seatsLeft ?? null,
    sessionId: slot.sessionId ?? null,
  };
}

/** The slots of `slots`, for any caller: days cut in `timezone`. */
export async function listSlots(
  services: SlotServices,
  input: { optionId: string; from: Date; to: Date },
  timezone: string,
): Promise<z.output<typeof slotsOutput>> {
  const option = await optionForSlots(services, input.optionId);
  if (!option) return { timezone, paused: true, days: [] };
  const found = await offeredSlots(services.prisma, option, {
    from: input.from,
    to: input.to,
    now: new Date(),
  });
  return {
    timezone,
    paused: false,
    days: groupSlotsByViewerDay(found, timezone).map((day) => ({
      date: day.date,
      slots: day.slots.map(toPublicSlot),
    })),
  };
}

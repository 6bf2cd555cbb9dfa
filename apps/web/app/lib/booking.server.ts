import { redirect } from "@remix-run/node";
import type { PublicSlot, SlotWeek } from "~/components/slot-picker";
import { weekRange } from "~/components/slot-picker";
import { attempt, requireSession } from "./guards.server";
import { addDays, isLocalDate, localDateOf } from "./time";
import type { RequestCaller } from "./trpc.server";

/** Today in the viewer's zone, and the first day of the week asked for (never before today). */
export function weekFromUrl(url: URL, timeZone: string): { today: string; week: string } {
  const today = localDateOf(new Date(), timeZone);
  const asked = url.searchParams.get("week");
  const week = isLocalDate(asked) && asked > today && asked < addDays(today, 400) ? asked : today;
  return { today, week };
}

export async function loadSlotWeek(
  { caller, ctx }: RequestCaller,
  optionId: string,
  week: string,
): Promise<SlotWeek> {
  const result = await caller.directory.slots({ optionId, ...weekRange(week, ctx.timezone) });
  return { week, ...result };
}

/** The slot the URL names (`?option=…&slot=<iso>`), if it is still free; else null. */
export async function findSlot(
  { caller }: RequestCaller,
  optionId: string,
  start: Date,
): Promise<PublicSlot | null> {
  const result = await caller.directory.slots({
    optionId,
    from: start,
    to: new Date(start.getTime() + 60_000),
  });
  const iso = start.toISOString();
  for (const day of result.days) {
    const found = day.slots.find((slot) => slot.start === iso);
    if (found) return found;
  }
  return null;
}

/** `?slot=` as an instant, or null. */
export function slotFromUrl(url: URL): Date | null {
  const value = url.searchParams.get("slot");
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The confirm form's action: takes the place through bookings.hold and goes to the booking.
 * A signed-out visitor (session expired meanwhile) signs in and comes back to the same slot.
 */
export async function holdFromForm(request: Request, input: RequestCaller, form: FormData) {
  requireSession(request, input);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const startsAt = new Date(text("startsAt"));
  const note = text("note");
  const skillSlugs = form.getAll("skill").filter((value) => typeof value === "string");
  const invitationToken = text("invitationToken");
  const result = await attempt(input.ctx, "hold", () =>
    input.caller.bookings.hold({
      optionId: text("optionId"),
      startsAt,
      ...(note ? { note } : {}),
      ...(skillSlugs.length > 0 ? { skillSlugs } : {}),
      ...(invitationToken ? { invitationToken } : {}),
    }),
  );
  if (result.ok && result.result) throw redirect(`/bookings/${result.result.id}?new=1`);
  return result;
}

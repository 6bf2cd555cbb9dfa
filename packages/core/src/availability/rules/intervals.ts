import type { Db } from "@mentora/db";
import { z } from "zod";
import { isValidLocalDate, localDateOf } from "../slots/local-date.ts";

/** Minutes from the mentor's local midnight; 1440 = the end of the day. */
export const minuteSchema = z.number().int().min(0).max(1440);

/** A mentor-local calendar date, "YYYY-MM-DD", that exists (no 2026-02-30). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Expected YYYY-MM-DD")
  .refine(isValidLocalDate, "Not a calendar date");

export interface MinuteInterval {
  startMinute: number;
  endMinute: number;
}

/** Indexes (in the given list) of intervals that overlap an earlier-starting one. Touching is fine. */
export function overlappingIndexes(intervals: readonly MinuteInterval[]): number[] {
  const sorted = intervals
    .map((interval, index) => ({ ...interval, index }))
    .sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute);
  const overlapping: number[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const interval of sorted) {
    if (interval.startMinute < reach) overlapping.push(interval.index);
    reach = Math.max(reach, interval.endMinute);
  }
  return overlapping.sort((a, b) => a - b);
}

/** The mentor's timezone as the slot engine reads it (UTC until they choose one). */
export async function mentorTimezone(prisma: Db, mentorId: string): Promise<string> {
  const user = await prisma.user.findUnique({
    where: { id: mentorId },
    select: { timezone: true },
  });
  return user?.timezone ?? "UTC";
}

/** Today's date in the mentor's timezone. */
export function mentorToday(timezone: string, now: Date): string {
  return localDateOf(now.getTime(), timezone);
}

/** A @db.Date value for a local date (stored as that calendar day, no zone). */
export function dateColumn(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function localDateOfColumn(value: Date): string {
  return value.toISOString().slice(0, 10);
}

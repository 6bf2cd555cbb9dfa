import { z } from "zod";
import { localDateOfColumn } from "./intervals.ts";

export const weeklyRuleOutput = z.object({
  id: z.string(),
  weekday: z.number().int(),
  startMinute: z.number().int(),
  endMinute: z.number().int(),
});

export const overrideOutput = z.object({
  id: z.string(),
  /** Mentor-local "YYYY-MM-DD". */
  date: z.string(),
  kind: z.enum(["UNAVAILABLE", "AVAILABLE"]),
  /** Both null: the whole day (UNAVAILABLE only). */
  startMinute: z.number().int().nullable(),
  endMinute: z.number().int().nullable(),
});

export function toOverrideOutput(row: {
  id: string;
  date: Date;
  kind: "UNAVAILABLE" | "AVAILABLE";
  startMinute: number | null;
  endMinute: number | null;
}): z.output<typeof overrideOutput> {
  return {
    id: row.id,
    date: localDateOfColumn(row.date),
    kind: row.kind,
    startMinute: row.startMinute,
    endMinute: row.endMinute,
  };
}

import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { slotQuery } from "../testing/slot-query.ts";
import { computeSlots } from "./compute-slots.ts";
import { addDays, isoWeekday, localDateOf, naiveUtcMs } from "./local-date.ts";
import type { DateOverride, IsoWeekday, SlotQuery, WeeklyRule } from "./types.ts";
import { groupSlotsByViewerDay } from "./viewer-display.ts";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

const DST_ZONES = [
  "Europe/Paris",
  "America/New_York",
  "America/Santiago", // gap and repeat at midnight
  "Australia/Lord_Howe", // 30-minute DST shift
  "Pacific/Auckland",
];
const FIXED_ZONES = ["Africa/Tunis", "Asia/Kathmandu", "UTC"];
// Days of DST changes in the zones above, so ranges straddle transitions.
const ANCHORS = [
  "2026-03-08",
  "2026-03-29",
  "2026-04-05",
  "2026-09-06",
  "2026-09-27",
  "2026-10-04",
  "2026-10-25",
  "2026-11-01",
];

const wallInterval = fc
  .record({
    startMinute: fc.integer({ min: 0, max: 1439 }),
    length: fc.integer({ min: 1, max: 720 }),
  })
  .map(({ startMinute, length }) => ({
    startMinute,
    endMinute: Math.min(DAY_MINUTES, startMinute + length),
  }));

function queryArbitrary(zones: readonly string[]): fc.Arbitrary<SlotQuery> {
  return fc
    .record({
      timezone: fc.constantFrom(...zones),
      anchor: fc.constantFrom(...ANCHORS),
      fromOffsetMinutes: fc.integer({ min: -3 * DAY_MINUTES, max: DAY_MINUTES }),
      rangeMinutes: fc.integer({ min: 1, max: 5 * DAY_MINUTES }),
      nowOffsetMinutes: fc.integer({ min: -4 * DAY_MINUTES, max: 360 }),
      rules: fc.array(
        fc
          .tuple(fc.integer({ min: 1, max: 7 }), wallInterval)
          .map(
            ([weekday, interval]): WeeklyRule => ({ weekday: weekday as IsoWeekday, ...interval }),
          ),
        { minLength: 1, maxLength: 6 },
      ),
      overrides: fc.array(
        fc.record({
          dayOffset: fc.integer({ min: -4, max: 6 }),
          kind: fc.constantFrom("available" as const, "unavailable" as const),
          wholeDay: fc.boolean(),
          interval: wallInterval,
        }),
        { maxLength: 4 },
      ),
      busy: fc.array(
        fc.record({
          offsetMinutes: fc.integer({ min: -2 * DAY_MINUTES, max: 6 * DAY_MINUTES }),
          lengthMinutes: fc.integer({ min: 5, max: 300 }),
        }),
        { maxLength: 8 },
      ),
      durationMinutes: fc.integer({ min: 5, max: 240 }),
      stepMinutes: fc.integer({ min: 5, max: 90 }),
      bufferMinutes: fc.integer({ min: 0, max: 60 }),
      minNoticeMinutes: fc.integer({ min: 0, max: 720 }),
      horizonDays: fc.integer({ min: 0, max: 14 }),
    })
    .map((g) => {
      const at = (minutes: number) => new Date(naiveUtcMs(g.anchor) + minutes * MINUTE_MS);
      const from = at(g.fromOffsetMinutes);
      return slotQuery({
        timezone: g.timezone,
        rules: g.rules,
        overrides: g.overrides.map(
          (o): DateOverride =>
            o.kind === "unavailable" && o.wholeDay
              ? { date: addDays(g.anchor, o.dayOffset), kind: o.kind }
              : { date: addDays(g.anchor, o.dayOffset), kind: o.kind, ...o.interval },
        ),
        busy: g.busy.map((b) => ({
          start: at(g.fromOffsetMinutes + b.offsetMinutes),
          end: at(g.fromOffsetMinutes + b.offsetMinutes + b.lengthMinutes),
        })),
        durationMinutes: g.durationMinutes,
        stepMinutes: g.stepMinutes,
        bufferMinutes: g.bufferMinutes,
        minNoticeMinutes: g.minNoticeMinutes,
        horizonDays: g.horizonDays,
        from,
        to: at(g.fromOffsetMinutes + g.rangeMinutes),
        now: at(g.fromOffsetMinutes + g.nowOffsetMinutes),
      });
    });
}

function overlapsBusy(query: SlotQuery, start: number, end: number): boolean {
  const buffer = query.bufferMinutes * MINUTE_MS;
  return query.busy.some(
    (b) => start < b.end.getTime() + buffer && b.start.getTime() - buffer < end,
  );
}

describe("computeSlots properties", () => {
  it("every slot is bookable: in range, after notice, before horizon, clear of busy ± buffer, exact length", () => {
    fc.assert(
      fc.property(queryArbitrary([...DST_ZONES, ...FIXED_ZONES]), (query) => {
        const slots = computeSlots(query);
        const earliest = query.now.getTime() + query.minNoticeMinutes * MINUTE_MS;
        const horizon = DateTime.fromJSDate(query.now, { zone: query.timezone })
          .plus({ days: query.horizonDays })
          .toMillis();
        slots.forEach((slot, i) => {
          const start = slot.start.getTime();
          const end = slot.end.getTime();
          expect(start).toBeGreaterThanOrEqual(query.from.getTime());
          expect(start).toBeLessThan(query.to.getTime());
          expect(start).toBeGreaterThanOrEqual(earliest);
          expect(start).toBeLessThanOrEqual(horizon);
          expect(end - start).toBe(query.durationMinutes * MINUTE_MS);
          expect(overlapsBusy(query, start, end)).toBe(false);
          if (i > 0) expect(start).toBeGreaterThan(slots[i - 1]!.start.getTime());
        });
      }),
      { numRuns: 400 },
    );
  });

  it("one slot per viewer day (a calendar's free-day marks) is the first slot of each day of the full list", () => {
    fc.assert(
      fc.property(
        queryArbitrary([...DST_ZONES, ...FIXED_ZONES]),
        fc.constantFrom(...DST_ZONES, ...FIXED_ZONES, "Asia/Kolkata", "America/St_Johns"),
        (query, viewer) => {
          const full = groupSlotsByViewerDay(computeSlots(query), viewer);
          const marks = computeSlots({ ...query, firstPerDayIn: viewer });
          expect(marks.map((slot) => localDateOf(slot.start.getTime(), viewer))).toEqual(
            full.map((day) => day.date),
          );
          expect(marks).toEqual(full.map((day) => day.slots[0]));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("matches a minute-by-minute reference in zones without DST", () => {
    fc.assert(
      fc.property(queryArbitrary(FIXED_ZONES), (query) => {
        expect(computeSlots(query).map((s) => s.start.getTime())).toEqual(referenceStarts(query));
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * Independent model for a fixed-offset zone: mark open wall minutes per date in a bitmap,
 * step through each maximal open run, filter by the same bookability rules.
 */
function referenceStarts(query: SlotQuery): number[] {
  const offsetMs = IANAZone.create(query.timezone).offset(query.from.getTime()) * MINUTE_MS;
  const step = query.stepMinutes ?? 30;
  const earliest = Math.max(
    query.from.getTime(),
    query.now.getTime() + query.minNoticeMinutes * MINUTE_MS,
  );
  const horizon = query.now.getTime() + query.horizonDays * DAY_MINUTES * MINUTE_MS;
  const starts: number[] = [];
  const lastDate = addDays(localDateOf(query.to.getTime(), query.timezone), 1);
  for (
    let date = addDays(localDateOf(query.from.getTime(), query.timezone), -1);
    date <= lastDate;
    date = addDays(date, 1)
  ) {
    const open = openMinutes(query, date);
    for (let runStart = 0; runStart < DAY_MINUTES; runStart++) {
      if (!open[runStart] || (runStart > 0 && open[runStart - 1])) continue;
      let runEnd = runStart;
      while (runEnd < DAY_MINUTES && open[runEnd]) runEnd++;
      for (let m = runStart; m + query.durationMinutes <= runEnd; m += step) {
        const start = naiveUtcMs(date) + m * MINUTE_MS - offsetMs;
        const end = start + query.durationMinutes * MINUTE_MS;
        const inWindow = start >= earliest && start < query.to.getTime() && start <= horizon;
        if (inWindow && !overlapsBusy(query, start, end)) starts.push(start);
      }
    }
  }
  return starts.sort((a, b) => a - b);
}

function openMinutes(query: SlotQuery, date: string): boolean[] {
  const open = new Array<boolean>(DAY_MINUTES).fill(false);
  const ofDate = query.overrides.filter((o) => o.date === date);
  if (ofDate.some((o) => o.kind === "unavailable" && o.startMinute === undefined)) return open;
  const mark = (startMinute: number, endMinute: number, value: boolean) => {
    for (let m = startMinute; m < endMinute; m++) open[m] = value;
  };
  const weekday = isoWeekday(date);
  for (const r of query.rules) if (r.weekday === weekday) mark(r.startMinute, r.endMinute, true);
  for (const o of ofDate) if (o.kind === "available") mark(o.startMinute!, o.endMinute!, true);
  for (const o of ofDate) if (o.kind === "unavailable") mark(o.startMinute!, o.endMinute!, false);
  return open;
}

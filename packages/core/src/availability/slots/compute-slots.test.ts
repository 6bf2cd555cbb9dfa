import { describe, expect, it } from "vitest";
import { rule, slotQuery, utcStarts } from "../testing/slot-query.ts";
import { computeSlots } from "./compute-slots.ts";
import type { GroupSession, Slot, SlotQuery } from "./types.ts";

// Monday 2026-06-15 in Paris (UTC+2): 09:00 local = 07:00Z.
const MONDAY = "2026-06-15";
const mondayMorning: Partial<SlotQuery> = {
  timezone: "Europe/Paris",
  rules: [rule(1, "09:00", "12:00")],
  from: new Date(`${MONDAY}T00:00:00Z`),
  to: new Date("2026-06-16T00:00:00Z"),
};
const ALL_MORNING = [
  "2026-06-15T07:00:00.000Z",
  "2026-06-15T07:30:00.000Z",
  "2026-06-15T08:00:00.000Z",
  "2026-06-15T08:30:00.000Z",
  "2026-06-15T09:00:00.000Z",
];

function starts(overrides: Partial<SlotQuery>): string[] {
  return utcStarts(computeSlots(slotQuery({ ...mondayMorning, ...overrides })));
}

describe("computeSlots", () => {
  it("steps 60-minute slots every 30 minutes through a rule, each fitting entirely", () => {
    const slots = computeSlots(slotQuery(mondayMorning));
    expect(utcStarts(slots)).toEqual(ALL_MORNING);
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === 3_600_000)).toBe(true);
    expect(slots.every((s) => s.seatsLeft === undefined && s.sessionId === undefined)).toBe(true);
  });

  it("uses a 30-minute step by default and honours a custom one", () => {
    expect(starts({ stepMinutes: undefined })).toEqual(ALL_MORNING);
    expect(starts({ stepMinutes: 60 })).toEqual([
      "2026-06-15T07:00:00.000Z",
      "2026-06-15T08:00:00.000Z",
      "2026-06-15T09:00:00.000Z",
    ]);
  });

  it("excludes slots overlapping a busy session, widened by the buffer on both sides", () => {
    const busy = [
      { start: new Date("2026-06-15T08:00:00Z"), end: new Date("2026-06-15T08:30:00Z") },
    ];
    expect(starts({ busy })).toEqual([
      "2026-06-15T07:00:00.000Z",
      "2026-06-15T08:30:00.000Z",
      "2026-06-15T09:00:00.000Z",
    ]);
    // 30 minutes of buffer also removes the slot ending at the session and the one starting at its end.
    expect(starts({ busy, bufferMinutes: 30 })).toEqual(["2026-06-15T09:00:00.000Z"]);
  });

  it("drops slots starting before now + minimum notice (a start exactly at it is kept)", () => {
    expect(starts({ now: new Date("2026-06-15T06:00:00Z"), minNoticeMinutes: 90 })).toEqual(
      ALL_MORNING.slice(1),
    );
    expect(starts({ now: new Date("2026-06-15T06:00:00Z"), minNoticeMinutes: 91 })).toEqual(
      ALL_MORNING.slice(2),
    );
  });

  it("drops slots starting after now + horizon days (a start exactly at it is kept)", () => {
    const now = new Date("2026-06-12T07:30:00Z");
    expect(starts({ now, horizonDays: 3 })).toEqual(ALL_MORNING.slice(0, 2));
    expect(starts({ now, horizonDays: 2 })).toEqual([]);
  });

  it("counts the horizon in mentor-local calendar days across a DST change", () => {
    // Now is Sat 2026-03-28 09:00 CET; 2 days later is Mon 09:00 CEST = 07:00Z, not 08:00Z.
    const slots = computeSlots(
      slotQuery({
        rules: [rule(1, "09:00", "12:00")],
        from: new Date("2026-03-30T00:00:00Z"),
        to: new Date("2026-03-31T00:00:00Z"),
        now: new Date("2026-03-28T08:00:00Z"),
        horizonDays: 2,
      }),
    );
    expect(utcStarts(slots)).toEqual(["2026-03-30T07:00:00.000Z"]);
  });

  it("returns nothing when the mentor is not accepting bookings, group sessions included", () => {
    const groupSessions = [groupSession("g1", "2026-06-15T08:00:00Z", 5, 1)];
    expect(starts({ acceptingBookings: false, capacity: 5, groupSessions })).toEqual([]);
  });

  it("a whole-day unavailable override removes that date only", () => {
    const range = { to: new Date("2026-06-23T00:00:00Z") };
    const offThatDay = starts({
      ...range,
      overrides: [
        { date: MONDAY, kind: "unavailable" },
        // Extra hours do not reopen a day marked off.
        { date: MONDAY, kind: "available", startMinute: 14 * 60, endMinute: 16 * 60 },
      ],
    });
    expect(offThatDay).toEqual(ALL_MORNING.map((s) => s.replace("06-15", "06-22")));
  });

  it("a partial unavailable override removes only its interval", () => {
    const overrides = [
      { date: MONDAY, kind: "unavailable" as const, startMinute: 10 * 60, endMinute: 11 * 60 },
    ];
    expect(starts({ overrides })).toEqual(["2026-06-15T07:00:00.000Z", "2026-06-15T09:00:00.000Z"]);
  });

  it("extra hours add to the weekly rules, also on a day without rules", () => {
    const overrides = [
      { date: MONDAY, kind: "available" as const, startMinute: 14 * 60, endMinute: 15 * 60 },
      { date: "2026-06-16", kind: "available" as const, startMinute: 8 * 60, endMinute: 9 * 60 },
    ];
    expect(starts({ overrides, to: new Date("2026-06-17T00:00:00Z") })).toEqual([
      ...ALL_MORNING,
      "2026-06-15T12:00:00.000Z",
      "2026-06-16T06:00:00.000Z",
    ]);
  });

  it("merges overlapping rules: no duplicates, and slots may span both", () => {
    const rules = [rule(1, "09:00", "11:00"), rule(1, "10:00", "12:00"), rule(1, "09:00", "10:00")];
    expect(starts({ rules })).toEqual(ALL_MORNING);
    // Unmerged, the second rule would start its own 09:45, 10:15, … grid.
    expect(starts({ rules: [rule(1, "09:00", "10:15"), rule(1, "09:45", "12:00")] })).toEqual(
      ALL_MORNING,
    );
  });

  it("gives nothing for an interval shorter than the duration", () => {
    expect(starts({ rules: [rule(1, "09:00", "09:45")] })).toEqual([]);
    expect(starts({ rules: [rule(1, "09:00", "09:45")], durationMinutes: 45 })).toEqual([
      "2026-06-15T07:00:00.000Z",
    ]);
  });

  it("supports a rule ending at midnight (1440)", () => {
    expect(starts({ rules: [rule(1, "23:00", "24:00")] })).toEqual(["2026-06-15T21:00:00.000Z"]);
  });

  it("keeps a slot by its start: from mid-morning, and to cutting a slot that runs past it", () => {
    expect(starts({ from: new Date("2026-06-15T08:15:00Z") })).toEqual(ALL_MORNING.slice(3));
    expect(starts({ to: new Date("2026-06-15T08:00:00Z") })).toEqual(ALL_MORNING.slice(0, 2));
  });

  it("iterates mentor-local dates when `from` is mid-day in the mentor's zone", () => {
    // 02:00Z on Tuesday is still Monday 22:00 in New York, where the Monday rule applies.
    const slots = computeSlots(
      slotQuery({
        timezone: "America/New_York",
        rules: [rule(1, "21:00", "24:00")],
        from: new Date("2026-06-16T02:00:00Z"),
        to: new Date("2026-06-17T00:00:00Z"),
      }),
    );
    expect(utcStarts(slots)).toEqual([
      "2026-06-16T02:00:00.000Z",
      "2026-06-16T02:30:00.000Z",
      "2026-06-16T03:00:00.000Z",
    ]);
  });

  describe("group offerings", () => {
    // 10:00–11:00 Paris, also listed in busy as callers pass all live sessions.
    const busy = [
      { start: new Date("2026-06-15T08:00:00Z"), end: new Date("2026-06-15T09:00:00Z") },
    ];

    it("offers an existing session with its seats left and new sessions with full capacity", () => {
      const groupSessions = [groupSession("g1", "2026-06-15T08:00:00Z", 5, 2)];
      const slots = computeSlots(slotQuery({ ...mondayMorning, busy, capacity: 5, groupSessions }));
      expect(slots.map(plain)).toEqual([
        slotAt("2026-06-15T07:00:00Z", { seatsLeft: 5 }),
        slotAt("2026-06-15T08:00:00Z", { seatsLeft: 3, sessionId: "g1" }),
        slotAt("2026-06-15T09:00:00Z", { seatsLeft: 5 }),
      ]);
    });

    it("omits a full session, which still blocks new sessions around it", () => {
      const groupSessions = [groupSession("g1", "2026-06-15T08:00:00Z", 5, 5)];
      const slots = computeSlots(slotQuery({ ...mondayMorning, busy, capacity: 5, groupSessions }));
      expect(slots.map(plain)).toEqual([
        slotAt("2026-06-15T07:00:00Z", { seatsLeft: 5 }),
        slotAt("2026-06-15T09:00:00Z", { seatsLeft: 5 }),
      ]);
    });

    it("blocks around a group session even if busy omitted it, and applies notice to it", () => {
      const groupSessions = [groupSession("g1", "2026-06-15T08:00:00Z", 4, 1)];
      const query = { ...mondayMorning, capacity: 4, groupSessions };
      expect(utcStarts(computeSlots(slotQuery(query)))).toEqual([
        "2026-06-15T07:00:00.000Z",
        "2026-06-15T08:00:00.000Z",
        "2026-06-15T09:00:00.000Z",
      ]);
      const late = { now: new Date("2026-06-15T07:45:00Z"), minNoticeMinutes: 30 };
      expect(utcStarts(computeSlots(slotQuery({ ...query, ...late })))).toEqual([
        "2026-06-15T09:00:00.000Z",
      ]);
    });
  });

  it.each([
    ["an unknown timezone", { timezone: "Mars/Olympus" }],
    ["a zero step", { stepMinutes: 0 }],
    ["a zero duration", { durationMinutes: 0 }],
    ["a rule ending before it starts", { rules: [rule(1, "12:00", "09:00")] }],
    ["extra hours without times", { overrides: [{ date: MONDAY, kind: "available" as const }] }],
    [
      "an impossible override date",
      { overrides: [{ date: "2026-02-30", kind: "unavailable" as const }] },
    ],
  ])("rejects %s", (_, overrides) => {
    expect(() => computeSlots(slotQuery({ ...mondayMorning, ...overrides }))).toThrow(RangeError);
  });
});

function groupSession(sessionId: string, startIso: string, capacity: number, seatsTaken: number) {
  const start = new Date(startIso);
  const end = new Date(start.getTime() + 3_600_000);
  return { sessionId, start, end, capacity, seatsTaken } satisfies GroupSession;
}

/** A slot's plain shape (its Dates read), to compare with literals. */
function plain(slot: Slot) {
  return JSON.parse(JSON.stringify(slot), (key, value) =>
    key === "start" || key === "end" ? new Date(value) : value,
  );
}

function slotAt(startIso: string, extra: { seatsLeft?: number; sessionId?: string }) {
  const start = new Date(startIso);
  return { start, end: new Date(start.getTime() + 3_600_000), ...extra };
}

import { describe, expect, it } from "vitest";
import { InstantSlot } from "./slot.ts";

describe("InstantSlot", () => {
  const start = Date.parse("2026-06-15T07:00:00Z");
  const end = Date.parse("2026-06-15T08:00:00Z");

  it("reads as Dates of its instants, the same Date on every read", () => {
    const slot = new InstantSlot(start, end);
    expect(slot.start.toISOString()).toBe("2026-06-15T07:00:00.000Z");
    expect(slot.end.toISOString()).toBe("2026-06-15T08:00:00.000Z");
    expect(slot.start).toBe(slot.start);
    expect([slot.startMs, slot.endMs]).toEqual([start, end]);
  });

  it("serializes to the plain slot shape, group fields only when set", () => {
    expect(JSON.parse(JSON.stringify(new InstantSlot(start, end)))).toEqual({
      start: "2026-06-15T07:00:00.000Z",
      end: "2026-06-15T08:00:00.000Z",
    });
    expect(JSON.parse(JSON.stringify(new InstantSlot(start, end, 2, "s1")))).toEqual({
      start: "2026-06-15T07:00:00.000Z",
      end: "2026-06-15T08:00:00.000Z",
      seatsLeft: 2,
      sessionId: "s1",
    });
  });
});

import { describe, expect, it } from "vitest";
import { formatCountdown, phaseAt } from "./clock.ts";
import { mediaProblemOf } from "./media.ts";

describe("call clock", () => {
  it("formats a countdown, rounding up to the second and never negative", () => {
    expect(formatCountdown(75_000)).toBe("1:15");
    expect(formatCountdown(3_725_000)).toBe("1:02:05");
    expect(formatCountdown(400)).toBe("0:01");
    expect(formatCountdown(-5_000)).toBe("0:00");
  });

  it("tells waiting, open and ended apart at the boundaries", () => {
    const opensAt = new Date("2026-12-01T09:50:00Z");
    const endsAt = new Date("2026-12-01T11:00:00Z");
    expect(phaseAt(new Date("2026-12-01T09:49:59Z"), opensAt, endsAt)).toBe("waiting");
    expect(phaseAt(opensAt, opensAt, endsAt)).toBe("open");
    expect(phaseAt(new Date("2026-12-01T10:59:59Z"), opensAt, endsAt)).toBe("open");
    expect(phaseAt(endsAt, opensAt, endsAt)).toBe("ended");
  });

  it("names the media problems the page explains", () => {
    expect(mediaProblemOf(new DOMException("x", "NotAllowedError"))).toBe("denied");
    expect(mediaProblemOf(new DOMException("x", "NotFoundError"))).toBe("missing");
    expect(mediaProblemOf(new DOMException("x", "NotReadableError"))).toBe("busy");
    expect(mediaProblemOf(new Error("x"))).toBe("other");
  });
});

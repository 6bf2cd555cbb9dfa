import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { createMentorWithOfferings, nextMondayAt } from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { loadBookableOption, maxSessionBlockMs, offeredSlots } from "./offered-slots.ts";

// The sessions read has a lower bound (decision 067): sessions that began before the range
// but still run into it must block it, and older ones change nothing.
let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

const HOUR_MS = 3_600_000;

describe("offeredSlots and sessions begun before the range", () => {
  it("a session of the longest length begun the day before still blocks the range's start", async () => {
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    // Paris, 06:00–22:00 every day, 15-minute buffer; Monday 07:00 UTC is 08:00 in Paris.
    const from = nextMondayAt(7);
    const to = new Date(from.getTime() + 24 * HOUR_MS);
    const session = (startsAt: Date, endsAt: Date) => ({
      mentorId: mentor.id,
      offeringId: paidOption.offeringId,
      optionId: paidOption.id,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + 15 * 60_000),
      capacity: 1,
    });
    // A 1,440-minute session (an invitation's longest) ending an hour into the range, and one
    // two weeks old.
    await app.prisma.mentoringSession.createMany({
      data: [
        session(new Date(from.getTime() - 23 * HOUR_MS), new Date(from.getTime() + HOUR_MS)),
        session(
          new Date(from.getTime() - 14 * 24 * HOUR_MS),
          new Date(from.getTime() - 335 * HOUR_MS),
        ),
      ],
    });
    const option = await loadBookableOption(app.prisma, paidOption.id);
    if (!option) throw new Error("no option");
    const starts = (await offeredSlots(app.prisma, option, { from, to, now: from })).map((slot) =>
      slot.start.getTime(),
    );
    // Busy until 09:00 Paris plus the buffer: 09:30 is the first 60-minute slot on the grid.
    expect(starts[0]).toBe(from.getTime() + 1.5 * HOUR_MS);
    expect(starts).not.toContain(from.getTime());
    expect(starts).not.toContain(from.getTime() + HOUR_MS);
    // The bound covers the longest session plus the widest buffer with room.
    expect(maxSessionBlockMs).toBeGreaterThanOrEqual((1_440 + 120) * 60_000);
  });
});

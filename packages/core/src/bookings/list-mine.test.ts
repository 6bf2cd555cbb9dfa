import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { contextFor, createTestApp } from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import { holdSlot } from "./hold-slot.ts";
import { createMentorWithOfferings, createUser, nextMondayAt } from "./testing/bookings.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

async function callerAs(userId: string) {
  const context = await contextFor(app);
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: "t", userId, createdAt: new Date() } },
  } as never);
}

describe("bookings.listMine paging", () => {
  it("walks the upcoming bookings soonest first, a page at a time, none twice", async () => {
    const { paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Pager");
    const held = [];
    for (const weeksAhead of [3, 1, 2]) {
      const startsAt = nextMondayAt(10, weeksAhead);
      held.push({
        startsAt,
        booking: await holdSlot(app, { menteeId: mentee.id, optionId: paidOption.id, startsAt }),
      });
    }
    const caller = await callerAs(mentee.id);
    const first = await caller.bookings.listMine({ when: "upcoming", limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]?.id);
    const second = await caller.bookings.listMine({
      when: "upcoming",
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((item) => item.id);
    const soonestFirst = [...held]
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((entry) => entry.booking.id);
    expect(ids).toEqual(soonestFirst);
    // Exactly a page's worth: no next page is promised.
    const whole = await caller.bookings.listMine({ when: "upcoming", limit: 3 });
    expect(whole.nextCursor).toBeNull();
    await expect(caller.bookings.listMine({ when: "upcoming", limit: 51 })).rejects.toThrow();
  });
});

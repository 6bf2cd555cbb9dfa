import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { expireHold } from "../bookings/expire-hold.job.ts";
import { holdSlot } from "../bookings/hold-slot.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import { createTestApp, runEventDeliveries } from "../testing/index.ts";
import { searchDirectory } from "./search-service.ts";
import { refreshMentorSlots } from "./slot-summary.ts";

// Decision 058: a paid hold takes its slot out of the directory's summary (booking.held, in a
// job like the other booking events), and its expiry puts it back; a mentor approved around the
// app is marked pending by the database and filled by the next search.
let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

const HOUR = 3_600_000;

describe("the availability summary follows paid holds", () => {
  it("a paid hold takes its hour out, its expiry puts it back", async () => {
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    await refreshMentorSlots(app.prisma, mentor.id);
    const startsAt = nextMondayAt(10, 2);
    const hourOf = () =>
      app.prisma.directorySlot.findMany({
        where: {
          mentorId: mentor.id,
          startsAt: { gte: startsAt, lt: new Date(startsAt.getTime() + HOUR) },
        },
      });
    expect((await hourOf()).map((slot) => slot.startsAt)).toEqual([startsAt]);

    const mentee = await createUser(app, "Payer");
    const booking = await holdSlot(app, { menteeId: mentee.id, optionId: paidOption.id, startsAt });
    expect(booking.status).toBe("PENDING_PAYMENT");
    expect(await runEventDeliveries(app)).toBeGreaterThanOrEqual(1);
    // Taken until 11:15 (the 15-minute buffer): no start left in that hour, for any option.
    expect(await hourOf()).toEqual([]);

    const expiresAt = booking.holdExpiresAt as Date;
    expect(await expireHold(app, booking.id, new Date(expiresAt.getTime() + 1))).toBe(true);
    await runEventDeliveries(app);
    expect((await hourOf()).map((slot) => slot.startsAt)).toEqual([startsAt]);
  });
});

describe("summaries never computed", () => {
  it("a mentor approved around the app is pending until the next search fills it", async () => {
    const { mentor } = await createMentorWithOfferings(app);
    const stamp = () =>
      app.prisma.directorySlotRefresh.findUniqueOrThrow({ where: { mentorId: mentor.id } });
    // Written straight to the table (createMentorWithOfferings): the trigger marked it pending.
    expect((await stamp()).refreshedAt).toEqual(new Date(0));
    expect(await app.prisma.directorySlot.count({ where: { mentorId: mentor.id } })).toBe(0);

    const page = await searchDirectory(app.prisma, {
      limit: 50,
      availableWithinDays: 7,
      q: "Maëlle",
    });
    expect(page.items.map((item) => item.id)).toContain(mentor.id);
    expect((await stamp()).refreshedAt.getTime()).toBeGreaterThan(0);
    expect(
      await app.prisma.directorySlot.count({ where: { mentorId: mentor.id } }),
    ).toBeGreaterThan(0);

    // Rejected, swept, approved again around the app: pending again.
    await app.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { status: "REJECTED" },
    });
    await app.prisma.directorySlotRefresh.delete({ where: { mentorId: mentor.id } });
    await app.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { status: "APPROVED" },
    });
    expect((await stamp()).refreshedAt).toEqual(new Date(0));
  });
});

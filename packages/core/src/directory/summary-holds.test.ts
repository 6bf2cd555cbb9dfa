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
import { refreshMentorSlots } from "./slot-summary.ts";

// Decision 058: a paid hold takes its slot out of the directory's summary (booking.held, in a
// job like the other booking events), and its expiry puts it back.
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

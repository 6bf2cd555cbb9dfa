import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { expireHold, holdSlot } from "../bookings/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import { createTestApp, runEventDeliveries } from "../testing/index.ts";
import { searchDirectory, utcHoursFor } from "./search-service.ts";
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

describe("next free start read from the summary", () => {
  it("past the notice it is the summary's first start; within it, the first slot after", async () => {
    const { mentor } = await createMentorWithOfferings(app);
    await app.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { minNoticeMinutes: 240 },
    });
    const computedAt = nextMondayAt(0);
    await refreshMentorSlots(app.prisma, mentor.id, computedAt);
    const { firstStartsAt } = await app.prisma.directorySlotRefresh.findUniqueOrThrow({
      where: { mentorId: mentor.id },
    });
    const nextAt = async (now: Date, search: { timesOfDay?: ["morning"] | ["evening"] } = {}) => {
      const page = await searchDirectory(
        app.prisma,
        { limit: 50, availableWithinDays: 3, ...search },
        { now, timezone: "Europe/Paris" },
      );
      return page.items.find((item) => item.id === mentor.id)?.nextAvailableAt;
    };
    expect(await nextAt(computedAt)).toBe(firstStartsAt?.toISOString());
    // Its first start is a Paris morning (06:00); the first evening start is 17:00 in Paris.
    expect(await nextAt(computedAt, { timesOfDay: ["morning"] })).toBe(
      firstStartsAt?.toISOString(),
    );
    const evening = new Date((await nextAt(computedAt, { timesOfDay: ["evening"] })) ?? 0);
    const parisHour = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    expect(parisHour.format(evening)).toBe("17:00");
    expect(evening.getTime() - computedAt.getTime()).toBeLessThan(24 * HOUR);
    // Two hours later the notice reaches 06:00 UTC (07:00 or 08:00 in Paris, a morning): the
    // summary's first start (04:00 or 05:00 UTC) is too soon now.
    const later = new Date(computedAt.getTime() + 2 * HOUR);
    const expected = new Date(computedAt.getTime() + 6 * HOUR).toISOString();
    expect(await nextAt(later)).toBe(expected);
    expect(await nextAt(later, { timesOfDay: ["morning"] })).toBe(expected);
    // Five hours later every start kept on the refresh row is too soon: read from the slots.
    const muchLater = new Date(computedAt.getTime() + 5 * HOUR);
    expect(await nextAt(muchLater)).toBe(new Date(computedAt.getTime() + 9 * HOUR).toISOString());
    // Without a window or time of day the start is read after the page is cut (decision 067):
    // the same answers, from the refresh row or the slots.
    const unfiltered = async (now: Date) =>
      (await searchDirectory(app.prisma, { limit: 50 }, { now })).items.find(
        (item) => item.id === mentor.id,
      )?.nextAvailableAt;
    expect(await unfiltered(computedAt)).toBe(firstStartsAt?.toISOString());
    expect(await unfiltered(later)).toBe(expected);
    expect(await unfiltered(muchLater)).toBe(
      new Date(computedAt.getTime() + 9 * HOUR).toISOString(),
    );
  });
});

describe("utcHoursFor: the UTC hours a part of the viewer's day can start in", () => {
  const hoursOf = (mask: number) =>
    Array.from({ length: 24 }, (_, hour) => hour).filter((hour) => mask & (1 << hour));
  const winter = [new Date("2027-01-10T00:00:00Z"), new Date("2027-01-17T00:00:00Z")] as const;

  it("a whole-hour zone: the local hours moved by its offset", () => {
    expect(hoursOf(utcHoursFor(["evening"], "America/New_York", ...winter))).toEqual([
      0, 1, 2, 3, 4, 22, 23,
    ]);
    expect(hoursOf(utcHoursFor(["morning"], "UTC", ...winter))).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });

  it("a DST change in the window counts both offsets", () => {
    const acrossMarch = [
      new Date("2027-03-25T00:00:00Z"),
      new Date("2027-04-01T00:00:00Z"),
    ] as const;
    // Paris mornings: 04–10 UTC in winter (UTC+1), 03–09 in summer (UTC+2).
    expect(hoursOf(utcHoursFor(["morning"], "Europe/Paris", ...acrossMarch))).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it("a half-hour zone sets both neighbouring hours; an unknown zone filters nothing", () => {
    // Kolkata (UTC+5:30) afternoons 12–17 are 06:30–11:30 UTC.
    expect(hoursOf(utcHoursFor(["afternoon"], "Asia/Kolkata", ...winter))).toEqual([
      6, 7, 8, 9, 10, 11,
    ]);
    expect(utcHoursFor(["morning"], "Mars/Olympus", ...winter)).toBe(0xffffff);
  });
});

describe("a refresh writes only the difference (decision 071)", () => {
  it("leaves exactly the rows a computation from nothing gives, two days and a booking later", async () => {
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    const startsOf = async () =>
      (
        await app.prisma.directorySlot.findMany({
          where: { mentorId: mentor.id },
          orderBy: { startsAt: "asc" },
        })
      ).map((slot) => slot.startsAt.toISOString());
    const first = nextMondayAt(0);
    await refreshMentorSlots(app.prisma, mentor.id, first);
    const before = await startsOf();
    // Two days later, with a booked hour: the window moved and one hour is taken.
    const later = new Date(first.getTime() + 2 * 24 * HOUR);
    const booked = nextMondayAt(10, 2);
    const mentee = await createUser(app, "Diff Mentee");
    await holdSlot(app, { menteeId: mentee.id, optionId: paidOption.id, startsAt: booked }, later);
    await refreshMentorSlots(app.prisma, mentor.id, later);
    const incremental = await startsOf();
    expect(incremental).not.toEqual(before);
    expect(incremental).not.toContain(booked.toISOString());
    // The two days gone are gone (none left before `later`).
    expect(incremental[0] && incremental[0] >= later.toISOString()).toBe(true);

    await app.prisma.directorySlot.deleteMany({ where: { mentorId: mentor.id } });
    await refreshMentorSlots(app.prisma, mentor.id, later);
    expect(await startsOf()).toEqual(incremental);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { invalidFields, outcome, signUpMentor } from "../../offerings/testing/offerings.ts";
import { createTestApp } from "../../testing/index.ts";
import { localDateOf } from "../slots/local-date.ts";
import { replaceWeeklyRules } from "./replace-weekly-rules.ts";

type Mentor = Awaited<ReturnType<typeof signUpMentor>>;

let app: App;
let mentor: Mentor;
let other: Mentor;

const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const weekdays = [
  { weekday: 1, startMinute: 540, endMinute: 720 },
  { weekday: 1, startMinute: 720, endMinute: 1020 },
  { weekday: 3, startMinute: 600, endMinute: 1080 },
];

beforeAll(async () => {
  app = await createTestApp();
  mentor = await signUpMentor(app, { name: "Rita Rules", email: "rita@availability.test" });
  other = await signUpMentor(app, { name: "Omar Other", email: "omar@availability.test" });
});
afterAll(() => app?.close());

const storedRules = (mentorId: string) =>
  app.prisma.availabilityRule.findMany({
    where: { mentorId },
    orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
  });

describe("availability.setWeeklyRules", () => {
  it("stores the set (touching intervals allowed) and replaces it as a whole", async () => {
    const first = await mentor.caller.availability.setWeeklyRules({ rules: weekdays });
    expect(
      first.map(({ weekday, startMinute, endMinute }) => [weekday, startMinute, endMinute]),
    ).toEqual([
      [1, 540, 720],
      [1, 720, 1020],
      [3, 600, 1080],
    ]);
    const second = await mentor.caller.availability.setWeeklyRules({
      rules: [{ weekday: 7, startMinute: 0, endMinute: 1440 }],
    });
    expect(second).toHaveLength(1);
    expect(await storedRules(mentor.userId)).toMatchObject([
      { weekday: 7, startMinute: 0, endMinute: 1440 },
    ]);
    await mentor.caller.availability.setWeeklyRules({ rules: [] });
    expect(await storedRules(mentor.userId)).toEqual([]);
  });

  it("refuses intervals that overlap on the same day, and keeps the old rules", async () => {
    await mentor.caller.availability.setWeeklyRules({ rules: weekdays });
    const before = await storedRules(mentor.userId);
    expect(
      await invalidFields(
        mentor.caller.availability.setWeeklyRules({
          rules: [
            { weekday: 2, startMinute: 540, endMinute: 720 },
            { weekday: 4, startMinute: 600, endMinute: 660 },
            { weekday: 2, startMinute: 700, endMinute: 800 },
          ],
        }),
      ),
    ).toEqual(["rules.2"]);
    // One interval inside another.
    expect(
      await invalidFields(
        mentor.caller.availability.setWeeklyRules({
          rules: [
            { weekday: 5, startMinute: 600, endMinute: 660 },
            { weekday: 5, startMinute: 540, endMinute: 720 },
          ],
        }),
      ),
    ).toEqual(["rules.0"]);
    expect(await storedRules(mentor.userId)).toEqual(before);
  });

  it("accepts the same interval on different days", async () => {
    const rules = [1, 2, 3, 4, 5].map((weekday) => ({
      weekday,
      startMinute: 540,
      endMinute: 1020,
    }));
    expect(await mentor.caller.availability.setWeeklyRules({ rules })).toHaveLength(5);
  });

  it.each([
    ["start after end", { weekday: 1, startMinute: 600, endMinute: 540 }, "rules.0.endMinute"],
    ["an empty interval", { weekday: 1, startMinute: 600, endMinute: 600 }, "rules.0.endMinute"],
    ["minute 1441", { weekday: 1, startMinute: 600, endMinute: 1441 }, "rules.0.endMinute"],
    ["a negative minute", { weekday: 1, startMinute: -5, endMinute: 60 }, "rules.0.startMinute"],
    ["weekday 0", { weekday: 0, startMinute: 60, endMinute: 120 }, "rules.0.weekday"],
    ["weekday 8", { weekday: 8, startMinute: 60, endMinute: 120 }, "rules.0.weekday"],
  ])("refuses %s", async (_label, rule, field) => {
    expect(
      await invalidFields(mentor.caller.availability.setWeeklyRules({ rules: [rule] })),
    ).toEqual([field]);
  });

  it("is atomic: a set the database refuses midway leaves the old rules", async () => {
    await mentor.caller.availability.setWeeklyRules({ rules: weekdays });
    const before = await storedRules(mentor.userId);
    // Past the procedure's validation, straight to the service: the second row breaks the
    // table's CHECK after the old rules were deleted in the same transaction.
    await expect(
      replaceWeeklyRules(app, mentor.userId, [
        { weekday: 2, startMinute: 60, endMinute: 120 },
        { weekday: 9, startMinute: 60, endMinute: 120 },
      ]),
    ).rejects.toThrow();
    expect(await storedRules(mentor.userId)).toEqual(before);
  });

  it("only ever touches the caller's own rules", async () => {
    await other.caller.availability.setWeeklyRules({
      rules: [{ weekday: 6, startMinute: 60, endMinute: 120 }],
    });
    await mentor.caller.availability.setWeeklyRules({ rules: [] });
    expect(await storedRules(other.userId)).toHaveLength(1);
  });
});

describe("availability.addOverride", () => {
  it("refuses AVAILABLE without both times", async () => {
    const date = dateIn(3);
    const count = () =>
      app.prisma.availabilityOverride.count({ where: { mentorId: mentor.userId } });
    const before = await count();
    expect(
      await invalidFields(mentor.caller.availability.addOverride({ date, kind: "AVAILABLE" })),
    ).toEqual(["startMinute"]);
    expect(
      await invalidFields(
        mentor.caller.availability.addOverride({ date, kind: "AVAILABLE", startMinute: 600 }),
      ),
    ).toEqual(["endMinute"]);
    expect(
      await invalidFields(
        mentor.caller.availability.addOverride({ date, kind: "AVAILABLE", endMinute: 600 }),
      ),
    ).toEqual(["startMinute"]);
    expect(await count()).toBe(before);
  });

  it("stores extra hours, a whole day off and an interval off", async () => {
    const date = dateIn(4);
    const extra = await mentor.caller.availability.addOverride({
      date,
      kind: "AVAILABLE",
      startMinute: 1080,
      endMinute: 1200,
    });
    expect(extra).toMatchObject({ date, kind: "AVAILABLE", startMinute: 1080, endMinute: 1200 });
    const dayOff = await mentor.caller.availability.addOverride({
      date: dateIn(5),
      kind: "UNAVAILABLE",
    });
    expect(dayOff).toMatchObject({ kind: "UNAVAILABLE", startMinute: null, endMinute: null });
    const stored = await app.prisma.availabilityOverride.findUniqueOrThrow({
      where: { id: dayOff.id },
    });
    expect(stored.date.toISOString()).toBe(`${dateIn(5)}T00:00:00.000Z`);
    const intervalOff = await mentor.caller.availability.addOverride({
      date: dateIn(6),
      kind: "UNAVAILABLE",
      startMinute: 720,
      endMinute: 780,
    });
    expect(intervalOff).toMatchObject({ startMinute: 720, endMinute: 780 });
  });

  it.each([
    ["UNAVAILABLE with only a start", { kind: "UNAVAILABLE", startMinute: 600 }, "endMinute"],
    [
      "times in the wrong order",
      { kind: "AVAILABLE", startMinute: 700, endMinute: 600 },
      "endMinute",
    ],
    ["a date that does not exist", { date: "2031-02-30", kind: "UNAVAILABLE" }, "date"],
    ["a date in another format", { date: "30/01/2031", kind: "UNAVAILABLE" }, "date"],
  ] as const)("refuses %s", async (_label, change, field) => {
    expect(
      await invalidFields(
        mentor.caller.availability.addOverride({ date: dateIn(3), ...change } as never),
      ),
    ).toEqual([field]);
  });

  it("refuses a date already past in the mentor's timezone", async () => {
    expect(
      await outcome(
        mentor.caller.availability.addOverride({ date: dateIn(-2), kind: "UNAVAILABLE" }),
      ),
    ).toBe("VALIDATION_FAILED");
  });
});

describe("availability.get and availability.removeOverride", () => {
  it("returns own rules, overrides from today on, and the booking settings", async () => {
    await app.prisma.user.update({
      where: { id: other.userId },
      data: { timezone: "Pacific/Kiritimati" },
    });
    await other.caller.availability.setWeeklyRules({
      rules: [{ weekday: 2, startMinute: 600, endMinute: 660 }],
    });
    const upcoming = await other.caller.availability.addOverride({
      date: dateIn(10),
      kind: "UNAVAILABLE",
    });
    const past = await app.prisma.availabilityOverride.create({
      data: {
        mentorId: other.userId,
        date: new Date(`${dateIn(-3)}T00:00:00.000Z`),
        kind: "UNAVAILABLE",
      },
    });
    await mentor.caller.availability.addOverride({ date: dateIn(10), kind: "UNAVAILABLE" });

    const view = await other.caller.availability.get();
    expect(view.timezone).toBe("Pacific/Kiritimati");
    expect(view.timezoneSet).toBe(true);
    expect(view.today).toBe(localDateOf(Date.now(), "Pacific/Kiritimati"));
    expect(view.rules).toMatchObject([{ weekday: 2, startMinute: 600, endMinute: 660 }]);
    expect(view.overrides.map((o) => o.id)).toEqual([upcoming.id]);
    expect(view.overrides.map((o) => o.id)).not.toContain(past.id);
    expect(view.settings).toMatchObject({
      status: "APPROVED",
      acceptingBookings: true,
      bufferMinutes: 15,
      minNoticeMinutes: 240,
      horizonDays: 60,
    });
  });

  it("a mentor without a profile still sees their rules, with no settings", async () => {
    const bare = await signUpMentor(app, { name: "No Profile", email: "bare@availability.test" });
    await app.prisma.mentorProfile.delete({ where: { userId: bare.userId } });
    const view = await bare.caller.availability.get();
    expect(view).toMatchObject({ timezone: "UTC", timezoneSet: false, rules: [], settings: null });
  });

  it("removes only the caller's own override; another mentor's id reads as NOT_FOUND", async () => {
    const theirs = await other.caller.availability.addOverride({
      date: dateIn(12),
      kind: "UNAVAILABLE",
    });
    expect(await outcome(mentor.caller.availability.removeOverride({ id: theirs.id }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await app.prisma.availabilityOverride.findUnique({ where: { id: theirs.id } }),
    ).not.toBeNull();
    expect(await other.caller.availability.removeOverride({ id: theirs.id })).toEqual({
      removed: true,
    });
    expect(
      await app.prisma.availabilityOverride.findUnique({ where: { id: theirs.id } }),
    ).toBeNull();
    expect(await outcome(other.caller.availability.removeOverride({ id: theirs.id }))).toBe(
      "NOT_FOUND",
    );
  });
});

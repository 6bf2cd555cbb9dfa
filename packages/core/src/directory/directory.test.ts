import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { createUser, giveSkills } from "../mentors/testing/mentors.ts";
import { callerFor, createTestApp } from "../testing/index.ts";
import { loadMentorOfferings } from "./procedures/get-mentor-page.ts";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? (error as { code?: string }).code ?? String(error);
  }
}

let app: App;

interface MentorSpec {
  name: string;
  headline: string;
  languages: string[];
  skills: string[];
  timezone: string;
  status?: "APPROVED" | "PENDING" | "REJECTED";
  acceptingBookings?: boolean;
  /** Weekly hours every day, mentor-local minutes; none = no availability at all. */
  hours?: [number, number];
  options?: { durationMinutes: number; priceMinor: number; currency: string }[];
}

async function createMentor(spec: MentorSpec) {
  const user = await createUser(app, spec.name, {
    headline: spec.headline,
    languages: spec.languages,
    timezone: spec.timezone,
  });
  await giveSkills(app, user.id, spec.skills);
  // As approval does: an approved mentor has the MENTOR role (a MENTEE one is unlisted).
  if ((spec.status ?? "APPROVED") === "APPROVED") {
    await app.prisma.user.update({ where: { id: user.id }, data: { role: "MENTOR" } });
  }
  await app.prisma.mentorProfile.create({
    data: {
      userId: user.id,
      status: spec.status ?? "APPROVED",
      acceptingBookings: spec.acceptingBookings ?? true,
      minNoticeMinutes: 0,
      bufferMinutes: 0,
    },
  });
  if (spec.hours) {
    const [startMinute, endMinute] = spec.hours;
    await app.prisma.availabilityRule.createMany({
      data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        mentorId: user.id,
        weekday,
        startMinute,
        endMinute,
      })),
    });
  }
  const offering = await app.prisma.offering.create({
    data: {
      mentorId: user.id,
      title: `${spec.name}'s sessions`,
      description: "1:1",
      kind: "ONE_TO_ONE",
    },
  });
  const options = [];
  for (const option of spec.options ?? []) {
    options.push(
      await app.prisma.offeringOption.create({ data: { offeringId: offering.id, ...option } }),
    );
  }
  return { user, offering, options };
}

let ada: Awaited<ReturnType<typeof createMentor>>;
let bruno: Awaited<ReturnType<typeof createMentor>>;
let chloe: Awaited<ReturnType<typeof createMentor>>;
let pending: Awaited<ReturnType<typeof createMentor>>;
let adaGroupOptionId: string;
let adaArchivedOptionId: string;

beforeAll(async () => {
  app = await createTestApp();
  // Ada: TypeScript + React, en/fr, EUR 30–50, available every day (Tokyo hours).
  ada = await createMentor({
    name: "Ada Archer",
    headline: "Frontend lead at a fintech",
    languages: ["en", "fr"],
    skills: ["typescript", "react"],
    timezone: "Asia/Tokyo",
    hours: [6 * 60, 22 * 60],
    options: [
      { durationMinutes: 30, priceMinor: 3000, currency: "EUR" },
      { durationMinutes: 60, priceMinor: 5000, currency: "EUR" },
    ],
  });
  const archived = await app.prisma.offeringOption.create({
    data: {
      offeringId: ada.offering.id,
      durationMinutes: 90,
      priceMinor: 100,
      currency: "EUR",
      archivedAt: new Date(),
    },
  });
  adaArchivedOptionId = archived.id;
  const group = await app.prisma.offering.create({
    data: {
      mentorId: ada.user.id,
      title: "Group clinic",
      description: "Up to 3.",
      kind: "GROUP",
      capacity: 3,
    },
  });
  adaGroupOptionId = (
    await app.prisma.offeringOption.create({
      data: { offeringId: group.id, durationMinutes: 60, priceMinor: 2000, currency: "EUR" },
    })
  ).id;
  // An archived offering: its cheap option must never count.
  const oldOffering = await app.prisma.offering.create({
    data: {
      mentorId: ada.user.id,
      title: "Old",
      description: "Gone.",
      kind: "ONE_TO_ONE",
      status: "ARCHIVED",
    },
  });
  await app.prisma.offeringOption.create({
    data: { offeringId: oldOffering.id, durationMinutes: 45, priceMinor: 1, currency: "GBP" },
  });

  // Bruno: Rust, fr only, USD 100, no availability at all.
  bruno = await createMentor({
    name: "Bruno Bianchi",
    headline: "Systems programmer",
    languages: ["fr"],
    skills: ["rust"],
    timezone: "Europe/Rome",
    options: [{ durationMinutes: 60, priceMinor: 10_000, currency: "USD" }],
  });
  // Chloé: TypeScript, es/en, EUR 200, hours set but paused.
  chloe = await createMentor({
    name: "Chloé Carré",
    headline: "Engineering manager",
    languages: ["es", "en"],
    skills: ["typescript"],
    timezone: "Europe/Paris",
    acceptingBookings: false,
    hours: [0, 24 * 60],
    options: [{ durationMinutes: 60, priceMinor: 20_000, currency: "EUR" }],
  });
  // Never listed: a pending and a rejected applicant, and a plain mentee, all matching filters.
  pending = await createMentor({
    name: "Paul Pending",
    headline: "TypeScript",
    languages: ["en", "fr"],
    skills: ["typescript"],
    timezone: "Europe/Paris",
    status: "PENDING",
    hours: [0, 24 * 60],
    options: [{ durationMinutes: 60, priceMinor: 3000, currency: "EUR" }],
  });
  await createMentor({
    name: "Rita Rejected",
    headline: "TypeScript",
    languages: ["en"],
    skills: ["typescript"],
    timezone: "Europe/Paris",
    status: "REJECTED",
    hours: [0, 24 * 60],
  });
  const mentee = await createUser(app, "Ada Mentee", { languages: ["en"] });
  await giveSkills(app, mentee.id, ["typescript"]);
});
afterAll(() => app?.close());

async function searchNames(input: Record<string, unknown>): Promise<string[]> {
  const caller = await callerFor(app);
  const page = await caller.directory.search(input as never);
  return page.items.map((item) => item.name);
}

describe("directory.search", () => {
  it("lists approved mentors only, by name, with their public card", async () => {
    const page = await (await callerFor(app)).directory.search({});
    expect(page.items.map((item) => item.name)).toEqual([
      "Ada Archer",
      "Bruno Bianchi",
      "Chloé Carré",
    ]);
    expect(page.nextCursor).toBeNull();
    const [adaCard, brunoCard, chloeCard] = page.items;
    expect(adaCard).toEqual({
      id: ada.user.id,
      name: "Ada Archer",
      headline: "Frontend lead at a fintech",
      languages: ["en", "fr"],
      skills: [
        { slug: "react", name: "react" },
        { slug: "typescript", name: "typescript" },
      ],
      avatarUrl: null,
      paused: false,
      // The archived option (1.00) and the archived offering's GBP option do not count.
      prices: [{ currency: "EUR", minMinor: 2000, maxMinor: 5000 }],
      rating: null,
      nextAvailableAt: expect.any(String),
    });
    expect(page.total).toBe(3);
    // Bruno has no hours; Chloé is paused: no next slot.
    expect(brunoCard?.nextAvailableAt).toBeNull();
    expect(chloeCard?.nextAvailableAt).toBeNull();
    expect(brunoCard?.prices).toEqual([{ currency: "USD", minMinor: 10_000, maxMinor: 10_000 }]);
    expect(chloeCard?.paused).toBe(true);
  });

  it("filters by skill slug (a display name works too)", async () => {
    expect(await searchNames({ skill: "typescript" })).toEqual(["Ada Archer", "Chloé Carré"]);
    expect(await searchNames({ skill: "Rust" })).toEqual(["Bruno Bianchi"]);
    expect(await searchNames({ skill: "cobol" })).toEqual([]);
  });

  it("filters by language", async () => {
    expect(await searchNames({ language: "fr" })).toEqual(["Ada Archer", "Bruno Bianchi"]);
    expect(await searchNames({ language: "ES" })).toEqual(["Chloé Carré"]);
    expect(await codeOf((await callerFor(app)).directory.search({ language: "xx" }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("filters by price in a currency, over sellable options only", async () => {
    expect(await searchNames({ currency: "EUR" })).toEqual(["Ada Archer", "Chloé Carré"]);
    expect(await searchNames({ currency: "EUR", priceMax: 4000 })).toEqual(["Ada Archer"]);
    expect(await searchNames({ currency: "EUR", priceMin: 6000 })).toEqual(["Chloé Carré"]);
    expect(await searchNames({ currency: "EUR", priceMin: 4000, priceMax: 5000 })).toEqual([
      "Ada Archer",
    ]);
    // Ada's archived option (1.00 EUR) and archived offering (0.01 GBP) never match.
    expect(await searchNames({ currency: "EUR", priceMax: 500 })).toEqual([]);
    expect(await searchNames({ currency: "GBP" })).toEqual([]);
    expect(await searchNames({ currency: "USD", priceMin: 10_000 })).toEqual(["Bruno Bianchi"]);
    const caller = await callerFor(app);
    expect(await codeOf(caller.directory.search({ priceMax: 4000 }))).toBe("BAD_REQUEST");
    expect(
      await codeOf(caller.directory.search({ currency: "EUR", priceMin: 10, priceMax: 5 })),
    ).toBe("BAD_REQUEST");
  });

  it("filters by text in the name or the headline, any case", async () => {
    expect(await searchNames({ q: "bru" })).toEqual(["Bruno Bianchi"]);
    expect(await searchNames({ q: "FINTECH" })).toEqual(["Ada Archer"]);
    expect(await searchNames({ q: "  " })).toHaveLength(3);
    // LIKE wildcards are plain characters.
    expect(await searchNames({ q: "%" })).toEqual([]);
    expect(await searchNames({ q: "_" })).toEqual([]);
    expect(await searchNames({ q: "\\" })).toEqual([]);
  });

  it("filters by availability: paused mentors and mentors without hours drop out", async () => {
    expect(await searchNames({ availableWithinDays: 7 })).toEqual(["Ada Archer"]);
    expect(await searchNames({ availableWithinDays: 7, language: "fr" })).toEqual(["Ada Archer"]);
    expect(await searchNames({ availableWithinDays: 7, skill: "rust" })).toEqual([]);
  });

  it("combines filters", async () => {
    expect(await searchNames({ skill: "typescript", language: "es" })).toEqual(["Chloé Carré"]);
    expect(await searchNames({ skill: "typescript", currency: "EUR", priceMax: 4000 })).toEqual([
      "Ada Archer",
    ]);
  });
});

describe("directory.search pagination", () => {
  const extraIds: string[] = [];

  beforeAll(async () => {
    // 9 more approved mentors, three of them called "Sam Same": the id breaks the tie.
    const names = ["Sam Same", "Sam Same", "Sam Same", "Dora", "Eve", "Finn", "Gus", "Hana", "Ivo"];
    for (const [index, name] of names.entries()) {
      const mentor = await createMentor({
        name,
        headline: "Mentor",
        languages: ["en"],
        skills: ["paging"],
        timezone: "UTC",
        // Every other one is available.
        ...(index % 2 === 0 ? { hours: [0, 24 * 60] as [number, number] } : {}),
        options: [{ durationMinutes: 30, priceMinor: 1000, currency: "EUR" }],
      });
      extraIds.push(mentor.user.id);
    }
  });

  async function walk(input: Record<string, unknown>) {
    const caller = await callerFor(app);
    const seen: { id: string; name: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.directory.search({ ...input, cursor } as never);
      expect(page.items.length).toBeLessThanOrEqual(input.limit as number);
      seen.push(...page.items.map(({ id, name }) => ({ id, name })));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 50);
    return { seen, pages };
  }

  it("walks every page once, in (name, id) order, with no duplicates", async () => {
    // Pages of 5: the page break falls between the three "Sam Same".
    const { seen, pages } = await walk({ limit: 5 });
    const all = await app.prisma.user.findMany({
      where: { mentorProfile: { is: { status: "APPROVED" } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    });
    expect(all).toHaveLength(12);
    expect(seen).toEqual(all);
    expect(new Set(seen.map((mentor) => mentor.id)).size).toBe(12);
    expect(pages).toBe(3);
  });

  it("walks an availability-filtered search the same way", async () => {
    const { seen } = await walk({ limit: 2, skill: "paging", availableWithinDays: 3 });
    const expected = extraIds.filter((_, index) => index % 2 === 0);
    expect(seen.map((mentor) => mentor.id).sort()).toEqual([...expected].sort());
    expect(new Set(seen.map((mentor) => mentor.id)).size).toBe(seen.length);
  });

  it("refuses a cursor it did not make", async () => {
    expect(await codeOf((await callerFor(app)).directory.search({ cursor: "bm9wZQ" }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("directory.mentor", () => {
  it("shows an approved mentor's page with active offerings and sellable options", async () => {
    const page = await (await callerFor(app)).directory.mentor({ mentorId: ada.user.id });
    expect(page).toMatchObject({
      id: ada.user.id,
      name: "Ada Archer",
      timezone: "Asia/Tokyo",
      paused: false,
      avatarUrl: null,
    });
    expect(page.offerings.map((offering) => offering.title)).toEqual([
      "Ada Archer's sessions",
      "Group clinic",
    ]);
    const [sessions, group] = page.offerings;
    expect(sessions?.options.map((option) => option.durationMinutes)).toEqual([30, 60]);
    expect(sessions?.options.map((option) => option.id)).not.toContain(adaArchivedOptionId);
    expect(group).toMatchObject({ kind: "GROUP", capacity: 3 });
    // The page reads its offerings in one SQL statement; the REST list through Prisma: the same.
    expect(page.offerings).toEqual(await loadMentorOfferings(app.prisma, ada.user.id));
    expect(page.prices).toEqual([{ currency: "EUR", minMinor: 2000, maxMinor: 5000 }]);
    expect(page.skills.map((skill) => skill.slug)).toEqual(["react", "typescript"]);
  });

  it("is NOT_FOUND for anyone who is not an approved mentor", async () => {
    const caller = await callerFor(app);
    expect(await codeOf(caller.directory.mentor({ mentorId: pending.user.id }))).toBe("NOT_FOUND");
    expect(await codeOf(caller.directory.mentor({ mentorId: "nobody" }))).toBe("NOT_FOUND");
    const paused = await caller.directory.mentor({ mentorId: chloe.user.id });
    expect(paused.paused).toBe(true);
    expect((await caller.directory.mentor({ mentorId: bruno.user.id })).bio).toBeNull();
  });
});

describe("directory.slots", () => {
  /** Next Monday 00:00 UTC, a week ahead so that notice never matters. */
  function nextMonday(): Date {
    const date = DateTime.utc().startOf("day").plus({ weeks: 1 }).set({ weekday: 1 });
    return date.toJSDate();
  }

  it("returns the option's slots grouped by day in the viewer's timezone", async () => {
    const from = nextMonday();
    const to = new Date(from.getTime() + 2 * 86_400_000);
    const optionId = ada.options[1]?.id as string;
    const newYork = await (
      await callerFor(app, { "x-timezone": "America/New_York" })
    ).directory.slots({
      optionId,
      from,
      to,
    });
    expect(newYork.timezone).toBe("America/New_York");
    expect(newYork.paused).toBe(false);
    const slots = newYork.days.flatMap((day) => day.slots);
    expect(slots.length).toBeGreaterThan(0);
    for (const day of newYork.days) {
      for (const slot of day.slots) {
        expect(DateTime.fromISO(slot.start, { zone: "America/New_York" }).toISODate()).toBe(
          day.date,
        );
        expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(60 * 60_000);
        expect(slot.start).toMatch(/Z$/);
        expect(slot.seatsLeft).toBeNull();
        // Inside Ada's Tokyo hours, 06:00–22:00.
        const tokyo = DateTime.fromISO(slot.start, { zone: "Asia/Tokyo" });
        expect(tokyo.hour).toBeGreaterThanOrEqual(6);
        expect(tokyo.hour).toBeLessThan(22);
      }
    }
    // Tokyo mornings are the previous evening in New York: the days are cut differently in UTC.
    const utc = await (await callerFor(app)).directory.slots({ optionId, from, to });
    expect(utc.timezone).toBe("UTC");
    expect(utc.days.flatMap((day) => day.slots)).toEqual(slots);
    expect(utc.days.map((day) => day.date)).not.toEqual(newYork.days.map((day) => day.date));
    // ISO strings are accepted as well as dates.
    const iso = await (await callerFor(app)).directory.slots({
      optionId,
      from: from.toISOString(),
      to: to.toISOString(),
    } as never);
    expect(iso.days).toEqual(utc.days);
  });

  it("gives seats left for a group option", async () => {
    const from = nextMonday();
    const result = await (await callerFor(app)).directory.slots({
      optionId: adaGroupOptionId,
      from,
      to: new Date(from.getTime() + 86_400_000),
    });
    const slots = result.days.flatMap((day) => day.slots);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((slot) => slot.seatsLeft === 3)).toBe(true);
  });

  it("a paused mentor has no slots, and says so", async () => {
    const from = nextMonday();
    const result = await (await callerFor(app)).directory.slots({
      optionId: chloe.options[0]?.id as string,
      from,
      to: new Date(from.getTime() + 7 * 86_400_000),
    });
    expect(result).toEqual({ timezone: "UTC", paused: true, days: [] });
    // Resumed, the same hours give slots: the emptiness was the pause.
    await app.prisma.mentorProfile.update({
      where: { userId: chloe.user.id },
      data: { acceptingBookings: true },
    });
    const resumed = await (await callerFor(app)).directory.slots({
      optionId: chloe.options[0]?.id as string,
      from,
      to: new Date(from.getTime() + 86_400_000),
    });
    expect(resumed.paused).toBe(false);
    expect(resumed.days.length).toBeGreaterThan(0);
    await app.prisma.mentorProfile.update({
      where: { userId: chloe.user.id },
      data: { acceptingBookings: false },
    });
  });

  it("is NOT_FOUND for an option not on sale, and bounds the range", async () => {
    const caller = await callerFor(app);
    const from = nextMonday();
    const to = new Date(from.getTime() + 86_400_000);
    for (const optionId of [adaArchivedOptionId, pending.options[0]?.id as string, "nope"]) {
      expect(await codeOf(caller.directory.slots({ optionId, from, to }))).toBe("NOT_FOUND");
    }
    const optionId = ada.options[0]?.id as string;
    expect(
      await codeOf(
        caller.directory.slots({ optionId, from, to: new Date(from.getTime() + 32 * 86_400_000) }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(caller.directory.slots({ optionId, from: to, to: from }))).toBe(
      "BAD_REQUEST",
    );
    const month = await caller.directory.slots({
      optionId,
      from,
      to: new Date(from.getTime() + 31 * 86_400_000),
    });
    expect(month.days.length).toBeGreaterThanOrEqual(28);
  });

  it("cuts days in the time zone asked for (the scheduler's picker), whatever the viewer's", async () => {
    const from = nextMonday();
    const to = new Date(from.getTime() + 2 * 86_400_000);
    const optionId = ada.options[1]?.id as string;
    const viewerNewYork = await (
      await callerFor(app, { "x-timezone": "America/New_York" })
    ).directory.slots({ optionId, from, to });
    const asked = await (await callerFor(app)).directory.slots({
      optionId,
      from,
      to,
      timeZone: "America/New_York",
    });
    expect(asked.timezone).toBe("America/New_York");
    expect(asked.days).toEqual(viewerNewYork.days);
    const caller = await callerFor(app);
    expect(
      await codeOf(caller.directory.slots({ optionId, from, to, timeZone: "Mars/Olympus" })),
    ).toBe("BAD_REQUEST");
  });
});

describe("directory.slotCalendar", () => {
  it("marks exactly the days of the full slot list, and gives one day's times in full", async () => {
    // Mia: Paris, 09:00–17:00 on weekdays; the second Wednesday off, the first Thursday booked.
    const mia = await createMentor({
      name: "Mia Month",
      headline: "Calendars",
      languages: ["en"],
      skills: ["scheduling"],
      timezone: "Europe/Paris",
      hours: [9 * 60, 17 * 60],
      options: [{ durationMinutes: 45, priceMinor: 4500, currency: "EUR" }],
    });
    const optionId = mia.options[0]?.id as string;
    await app.prisma.availabilityRule.deleteMany({
      where: { mentorId: mia.user.id, weekday: { in: [6, 7] } },
    });
    const monday = DateTime.utc().startOf("day").plus({ weeks: 1 }).set({ weekday: 1 });
    const dayOff = monday.plus({ days: 9 }).toISODate() as string;
    await app.prisma.availabilityOverride.create({
      data: { mentorId: mia.user.id, date: new Date(`${dayOff}T00:00:00Z`), kind: "UNAVAILABLE" },
    });
    const booked = DateTime.fromISO(`${monday.plus({ days: 3 }).toISODate()}T09:00`, {
      zone: "Europe/Paris",
    });
    await app.prisma.mentoringSession.create({
      data: {
        mentorId: mia.user.id,
        offeringId: mia.offering.id,
        optionId,
        startsAt: booked.toJSDate(),
        endsAt: booked.plus({ hours: 8 }).toJSDate(),
        blockedUntil: booked.plus({ hours: 8 }).toJSDate(),
        capacity: 1,
      },
    });
    const from = monday.toJSDate();
    const to = monday.plus({ days: 31 }).toJSDate();
    const caller = await callerFor(app);
    for (const timeZone of ["America/New_York", "Europe/Paris", "Pacific/Kiritimati"]) {
      const full = await caller.directory.slots({ optionId, from, to, timeZone });
      const fullDays = full.days.filter((day) => day.slots.length > 0);
      const month = await caller.directory.slotCalendar({ optionId, from, to, timeZone });
      expect(month.timezone).toBe(timeZone);
      expect(month.paused).toBe(false);
      expect(month.freeDays).toEqual(fullDays.map((day) => day.date));
      // The first free day is chosen, with every one of its times.
      expect(month.date).toBe(fullDays[0]?.date);
      expect(month.times).toEqual(fullDays[0]?.slots);
      // Any other day asked for: its times, the same as the full list's.
      const later = fullDays[7];
      const asked = await caller.directory.slotCalendar({
        optionId,
        from,
        to,
        timeZone,
        date: later?.date,
      });
      expect(asked.freeDays).toEqual(month.freeDays);
      expect(asked.date).toBe(later?.date);
      expect(asked.times).toEqual(later?.slots);
    }
    // In Paris: no weekend, no day off, no fully booked Thursday among the marks.
    const paris = await caller.directory.slotCalendar({
      optionId,
      from,
      to,
      timeZone: "Europe/Paris",
    });
    const saturday = monday.plus({ days: 5 }).toISODate() as string;
    const thursday = monday.plus({ days: 3 }).toISODate() as string;
    expect(paris.freeDays).toContain(monday.toISODate());
    for (const missing of [saturday, dayOff, thursday])
      expect(paris.freeDays).not.toContain(missing);
    expect(paris.freeDays.length).toBe(21);
    // A day without times keeps the choice and says so with no times.
    const empty = await caller.directory.slotCalendar({
      optionId,
      from,
      to,
      timeZone: "Europe/Paris",
      date: saturday,
    });
    expect(empty).toMatchObject({ date: saturday, times: [] });
  });

  it("reads a group option's seats, Google busy times and partial overrides as the slots do", async () => {
    // Lou: Paris, 08:00–20:00, a group of 2 seats; one session full, one with a seat left, a
    // Google busy afternoon (connection fresh), a day with an extra AVAILABLE hour, a buffer.
    const lou = await createMentor({
      name: "Lou Group",
      headline: "Groups",
      languages: ["en"],
      skills: ["groups"],
      timezone: "Europe/Paris",
      hours: [8 * 60, 20 * 60],
    });
    await app.prisma.mentorProfile.update({
      where: { userId: lou.user.id },
      data: { bufferMinutes: 15 },
    });
    const group = await app.prisma.offering.create({
      data: {
        mentorId: lou.user.id,
        title: "Lou's group",
        description: "2",
        kind: "GROUP",
        capacity: 2,
      },
    });
    const option = await app.prisma.offeringOption.create({
      data: { offeringId: group.id, durationMinutes: 60, priceMinor: 1500, currency: "EUR" },
    });
    const monday = DateTime.utc().startOf("day").plus({ weeks: 1 }).set({ weekday: 1 });
    const at = (days: number, hour: number) =>
      DateTime.fromISO(`${monday.plus({ days }).toISODate()}T${String(hour).padStart(2, "0")}:00`, {
        zone: "Europe/Paris",
      });
    const mentees = [await createUser(app, "Sam Seat", {}), await createUser(app, "Kim Seat", {})];
    const seats = [2, 1];
    for (const [index, taken] of seats.entries()) {
      const start = at(1 + index, 10);
      const session = await app.prisma.mentoringSession.create({
        data: {
          mentorId: lou.user.id,
          offeringId: group.id,
          optionId: option.id,
          startsAt: start.toJSDate(),
          endsAt: start.plus({ hours: 1 }).toJSDate(),
          blockedUntil: start.plus({ hours: 1, minutes: 15 }).toJSDate(),
          capacity: 2,
        },
      });
      for (let seat = 0; seat < taken; seat += 1) {
        await app.prisma.booking.create({
          data: {
            sessionId: session.id,
            menteeId: mentees[seat]?.id as string,
            status: seat === 0 ? "CONFIRMED" : "PENDING_PAYMENT",
            offeringTitle: group.title,
            durationMinutes: 60,
            priceMinor: 1500,
            currency: "EUR",
          },
        });
      }
    }
    await app.prisma.googleCalendarConnection.create({
      data: { mentorId: lou.user.id, busyFetchedAt: new Date() },
    });
    await app.prisma.calendarBusy.create({
      data: {
        mentorId: lou.user.id,
        startsAt: at(3, 13).toJSDate(),
        endsAt: at(3, 17).toJSDate(),
      },
    });
    await app.prisma.availabilityOverride.create({
      data: {
        mentorId: lou.user.id,
        date: new Date(`${monday.plus({ days: 4 }).toISODate()}T00:00:00Z`),
        kind: "AVAILABLE",
        startMinute: 21 * 60,
        endMinute: 22 * 60,
      },
    });
    const from = monday.toJSDate();
    const to = monday.plus({ days: 31 }).toJSDate();
    const caller = await callerFor(app);
    const full = await caller.directory.slots({
      optionId: option.id,
      from,
      to,
      timeZone: "Europe/Paris",
    });
    const fullDays = full.days.filter((day) => day.slots.length > 0);
    const month = await caller.directory.slotCalendar({
      optionId: option.id,
      from,
      to,
      timeZone: "Europe/Paris",
    });
    expect(month.freeDays).toEqual(fullDays.map((day) => day.date));
    for (const day of fullDays.slice(0, 6)) {
      const asked = await caller.directory.slotCalendar({
        optionId: option.id,
        from,
        to,
        timeZone: "Europe/Paris",
        date: day.date,
      });
      expect(asked.times).toEqual(day.slots);
    }
    // What the comparison covers: the full session is gone, the other offers its last seat,
    // the busy afternoon is cut, the extra hour added.
    const tuesday = fullDays.find((day) => day.date === monday.plus({ days: 1 }).toISODate());
    const wednesday = fullDays.find((day) => day.date === monday.plus({ days: 2 }).toISODate());
    const thursday = fullDays.find((day) => day.date === monday.plus({ days: 3 }).toISODate());
    const friday = fullDays.find((day) => day.date === monday.plus({ days: 4 }).toISODate());
    expect(tuesday?.slots.map((slot) => slot.start)).not.toContain(
      at(1, 10).toJSDate().toISOString(),
    );
    expect(wednesday?.slots.find((slot) => slot.sessionId !== null)).toMatchObject({
      seatsLeft: 1,
    });
    expect(thursday?.slots.some((slot) => slot.start === at(3, 14).toJSDate().toISOString())).toBe(
      false,
    );
    expect(friday?.slots.at(-1)?.start).toBe(at(4, 21).toJSDate().toISOString());
    expect(thursday?.slots.at(-1)?.start).not.toBe(at(3, 21).toJSDate().toISOString());
  });

  it("is paused, NOT_FOUND or BAD_REQUEST like the slots", async () => {
    const caller = await callerFor(app);
    const from = DateTime.utc().startOf("day").plus({ weeks: 1 }).toJSDate();
    const to = new Date(from.getTime() + 7 * 86_400_000);
    expect(
      await caller.directory.slotCalendar({ optionId: chloe.options[0]?.id as string, from, to }),
    ).toEqual({ timezone: "UTC", paused: true, freeDays: [], date: null, times: [] });
    expect(
      await codeOf(caller.directory.slotCalendar({ optionId: adaArchivedOptionId, from, to })),
    ).toBe("NOT_FOUND");
    const optionId = ada.options[0]?.id as string;
    expect(
      await codeOf(caller.directory.slotCalendar({ optionId, from, to, date: "2026-02-30" })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        caller.directory.slotCalendar({
          optionId,
          from,
          to: new Date(from.getTime() + 32 * 86_400_000),
        }),
      ),
    ).toBe("BAD_REQUEST");
  });
});

describe("a mentor row with broken data", () => {
  it("an unknown time zone stored in the row: search, page and slots still answer, in UTC", async () => {
    const mars = await createMentor({
      name: "Zed Mars",
      headline: "Off-world",
      languages: ["en"],
      skills: ["terraforming"],
      timezone: "Mars/Olympus",
      hours: [9 * 60, 17 * 60],
      options: [{ durationMinutes: 60, priceMinor: 4000, currency: "EUR" }],
    });
    expect(await searchNames({ availableWithinDays: 7, skill: "terraforming" })).toEqual([
      "Zed Mars",
    ]);
    // Everyone else is still listed.
    expect(await searchNames({ availableWithinDays: 7 })).toContain("Ada Archer");
    const page = await (await callerFor(app)).directory.mentor({ mentorId: mars.user.id });
    expect(page.timezone).toBeNull();
    const from = DateTime.utc().startOf("day").plus({ weeks: 1 }).set({ weekday: 1 }).toJSDate();
    const slots = await (await callerFor(app)).directory.slots({
      optionId: mars.options[0]?.id as string,
      from,
      to: new Date(from.getTime() + 86_400_000),
    });
    const starts = slots.days.flatMap((day) => day.slots).map((slot) => new Date(slot.start));
    expect(starts.length).toBeGreaterThan(0);
    // 09:00–17:00 read as UTC wall time.
    for (const start of starts) {
      expect(start.getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(start.getUTCHours()).toBeLessThan(17);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { holdSlot } from "../bookings/index.ts";
import { createUser } from "../bookings/testing/bookings.ts";
import {
  callerFor,
  createTestApp,
  runEventDeliveries,
  signUpVerifiedUser,
} from "../testing/index.ts";
import { searchDirectory } from "./search-service.ts";
import { refreshMentorSlots } from "./slot-summary.ts";

// Decision 071: directory_entry, the one row per listed mentor the search reads, is written by
// the database in the transaction that changes one of its sources. Each change below goes
// through the app where it has a path (profile, offerings, bookings); the row and the search
// must follow at once, with no refresh job in between.
let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

let sequence = 0;
/** An approved mentor (signed up, approved in the database) with one paid offering. */
async function mentorWithOffering() {
  sequence += 1;
  const user = await signUpVerifiedUser(app, {
    name: `Entry Mentor ${sequence}`,
    email: `entry-${sequence}@directory-entry.test`,
  });
  await app.prisma.user.update({
    where: { id: user.userId },
    data: { role: "MENTOR", timezone: "Europe/Paris" },
  });
  await app.prisma.mentorProfile.create({
    data: { userId: user.userId, status: "APPROVED", minNoticeMinutes: 0, bufferMinutes: 0 },
  });
  await app.prisma.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      mentorId: user.userId,
      weekday,
      startMinute: 6 * 60,
      endMinute: 22 * 60,
    })),
  });
  const caller = await callerFor(app, { cookie: user.cookie });
  const offering = await caller.offerings.create({
    title: "Architecture review",
    description: "An hour on your system's design.",
    kind: "ONE_TO_ONE",
    options: [{ durationMinutes: 60, priceMinor: 5000, currency: "EUR" }],
  });
  return { id: user.userId, caller, offering };
}

const entryOf = (mentorId: string) => app.prisma.directoryEntry.findUnique({ where: { mentorId } });

const found = async (mentorId: string, search: Parameters<typeof searchDirectory>[1]) =>
  (await searchDirectory(app.prisma, search)).items.some((item) => item.id === mentorId);

describe("directory_entry follows its sources", () => {
  it("a profile edit: name, headline and languages, searchable at once", async () => {
    const mentor = await mentorWithOffering();
    await mentor.caller.profile.update({
      name: "Quentin Zyxwv",
      headline: "Rust and distributed systems",
      languages: ["en", "de"],
    });
    expect(await entryOf(mentor.id)).toMatchObject({
      name: "Quentin Zyxwv",
      headline: "Rust and distributed systems",
      languages: ["en", "de"],
    });
    expect(await found(mentor.id, { q: "zyxwv", limit: 5 })).toBe(true);
    expect(await found(mentor.id, { q: "distributed systems", language: "de", limit: 5 })).toBe(
      true,
    );
    expect(await found(mentor.id, { language: "fr", q: "zyxwv", limit: 5 })).toBe(false);
  });

  it("a name written around the app's limit still saves, and the mentor stays listed", async () => {
    const mentor = await mentorWithOffering();
    const long = `Marc ${"M".repeat(10_000)}`;
    await app.prisma.user.update({ where: { id: mentor.id }, data: { name: long } });
    expect((await entryOf(mentor.id))?.name).toBe(long.slice(0, 200));
    expect(await found(mentor.id, { q: "Marc MMMM", limit: 50 })).toBe(true);
  });

  it("an offering's price change, an archived offering and a new skill", async () => {
    const mentor = await mentorWithOffering();
    const optionId = mentor.offering.options[0]?.id ?? "";
    expect((await entryOf(mentor.id))?.prices).toEqual(["EUR:0000005000"]);
    await mentor.caller.offerings.update({
      offeringId: mentor.offering.id,
      prices: [{ optionId, priceMinor: 12_000 }],
    });
    expect((await entryOf(mentor.id))?.prices).toEqual(["EUR:0000012000"]);
    const inBudget = { currency: "EUR", priceMin: 10_000, priceMax: 15_000, limit: 50 } as const;
    expect(await found(mentor.id, inBudget)).toBe(true);
    expect(await found(mentor.id, { ...inBudget, priceMin: 4000, priceMax: 6000 })).toBe(false);

    await mentor.caller.offerings.archive({ offeringId: mentor.offering.id });
    expect((await entryOf(mentor.id))?.prices).toEqual([]);
    expect(await found(mentor.id, inBudget)).toBe(false);

    await mentor.caller.profile.update({ skills: ["Entry Skill Zeta"] });
    expect(await found(mentor.id, { skills: ["entry-skill-zeta"], limit: 5 })).toBe(true);
  });

  it("hidden by moderation, unlisted by a demotion or a rejection, listed again after", async () => {
    const mentor = await mentorWithOffering();
    const withheld = await app.prisma.moderationCase.create({
      data: {
        subject: "PROFILE_TEXT",
        contentRef: mentor.id,
        authorId: mentor.id,
        snapshot: {},
        verdict: "BLOCK",
        provider: "test",
        status: "BLOCKED",
        withheld: true,
      },
    });
    expect(await entryOf(mentor.id)).toBeNull();
    await app.prisma.moderationCase.update({
      where: { id: withheld.id },
      data: { status: "SUPERSEDED", withheld: false },
    });
    expect(await entryOf(mentor.id)).not.toBeNull();

    await app.prisma.user.update({ where: { id: mentor.id }, data: { role: "MENTEE" } });
    expect(await entryOf(mentor.id)).toBeNull();
    await app.prisma.user.update({ where: { id: mentor.id }, data: { role: "MENTOR" } });
    await app.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { status: "REJECTED" },
    });
    expect(await entryOf(mentor.id)).toBeNull();
    await app.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { status: "APPROVED" },
    });
    expect(await entryOf(mentor.id)).toMatchObject({ name: expect.stringMatching(/^Entry/) });
  });

  it("a new review moves the rating key and the rated filter", async () => {
    const mentor = await mentorWithOffering();
    const rated = { minRating: 4.5, q: "Entry Mentor", limit: 50 } as const;
    expect(await found(mentor.id, rated)).toBe(false);
    // The statement submitReview runs on the mentor's aggregate, in the review's transaction.
    await app.prisma.mentorProfile.updateMany({
      where: { userId: mentor.id },
      data: { ratingCount: { increment: 1 }, ratingSum: { increment: 5 } },
    });
    expect(await entryOf(mentor.id)).toMatchObject({ ratingCount: 1, ratingSum: 5 });
    expect(Number((await entryOf(mentor.id))?.ratingKey)).toBe(-5);
    expect(await found(mentor.id, rated)).toBe(true);
    const best = await searchDirectory(app.prisma, { sort: "rating", limit: 1 });
    expect(best.items[0]?.id).toBe(mentor.id);
  });

  it("a booking that takes the next slot moves next available", async () => {
    const mentor = await mentorWithOffering();
    // Real time throughout: the booking's refresh job computes from the clock.
    await refreshMentorSlots(app.prisma, mentor.id);
    const first = (await entryOf(mentor.id))?.firstStartsAt;
    expect(first).toBeInstanceOf(Date);
    expect((await entryOf(mentor.id))?.leadStarts[0]).toEqual(first);

    const mentee = await createUser(app, "Entry Mentee");
    await holdSlot(app, {
      menteeId: mentee.id,
      optionId: mentor.offering.options[0]?.id ?? "",
      startsAt: first as Date,
    });
    await runEventDeliveries(app);
    // The held hour is gone from the summary, and so from the entry the search reads.
    const after = await entryOf(mentor.id);
    expect(after?.firstStartsAt?.getTime()).toBeGreaterThan((first as Date).getTime());
    const page = await searchDirectory(app.prisma, {
      q: "Entry Mentor",
      availableWithinDays: 7,
      limit: 50,
    });
    expect(page.items.find((item) => item.id === mentor.id)?.nextAvailableAt).toBe(
      after?.firstStartsAt?.toISOString(),
    );
  });
});

describe("the capped total", () => {
  it("counts exactly up to 100, then says 100 and capped; pages still walk every mentor", async () => {
    const before = await searchDirectory(app.prisma, { limit: 1 });
    expect(before.totalIsCapped).toBe(false);
    // Enough listed mentors straight in the database to pass the cap (the triggers list them).
    const missing = 101 - before.total;
    const ids = Array.from({ length: missing }, (_, index) => `cap-${index}`);
    await app.prisma.user.createMany({
      data: ids.map((id) => ({
        id,
        name: `Capped ${id}`,
        email: `${id}@cap.test`,
        role: "MENTOR",
      })),
    });
    await app.prisma.mentorProfile.createMany({
      data: ids.slice(0, missing - 1).map((userId) => ({ userId, status: "APPROVED" })),
    });
    const exact = await searchDirectory(app.prisma, { limit: 1 });
    expect(exact).toMatchObject({ total: 100, totalIsCapped: false });
    await app.prisma.mentorProfile.create({
      data: { userId: ids.at(-1) ?? "", status: "APPROVED" },
    });
    const capped = await searchDirectory(app.prisma, { limit: 1 });
    expect(capped).toMatchObject({ total: 100, totalIsCapped: true });
    const filtered = await searchDirectory(app.prisma, { q: "Capped cap-1", limit: 5 });
    // cap-1, cap-10…cap-19 (and more if the cap needed them): exact below the cap.
    expect(filtered).toMatchObject({
      total: ids.filter((id) => id.startsWith("cap-1")).length,
      totalIsCapped: false,
    });

    // Next walks every listed mentor once, past the cap; Previous walks back the same pages.
    const seen = new Set<string>();
    const pages: { ids: string[]; prevCursor: string | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchDirectory(app.prisma, { limit: 30, ...(cursor ? { cursor } : {}) });
      expect(page).toMatchObject({ total: 100, totalIsCapped: true });
      for (const item of page.items) seen.add(item.id);
      pages.push({ ids: page.items.map((item) => item.id), prevCursor: page.prevCursor });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.size).toBe(before.total + missing);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages[0]?.prevCursor).toBeNull();
    let back = pages.at(-1)?.prevCursor ?? undefined;
    for (let index = pages.length - 2; index >= 0; index -= 1) {
      const page = await searchDirectory(app.prisma, { limit: 30, cursor: back });
      expect(page.items.map((item) => item.id)).toEqual(pages[index]?.ids);
      expect(page.nextCursor).not.toBeNull();
      back = page.prevCursor ?? undefined;
      // The first page, reached backwards, has nothing before it.
      if (index === 0) expect(page.prevCursor).toBeNull();
    }
    // A Previous cursor of another sort is refused like any foreign cursor.
    await expect(
      searchDirectory(app.prisma, { limit: 30, sort: "price", cursor: pages[1]?.prevCursor ?? "" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("after every change above", () => {
  it("each entry is what a recomputation from its sources gives, and only listed mentors have one", async () => {
    const read = () =>
      app.prisma.directoryEntry
        .findMany({ orderBy: { mentorId: "asc" } })
        .then((rows) => rows.map((row) => ({ ...row, ratingKey: row.ratingKey.toString() })));
    const kept = await read();
    expect(kept.length).toBeGreaterThan(100);
    await app.prisma.$executeRaw`DELETE FROM directory_entry`;
    // The migration's backfill, set-based over every approved mentor.
    await app.prisma.$executeRaw`SELECT directory_entry_write(ARRAY(
      SELECT mp."userId" FROM mentor_profile mp WHERE mp.status = 'APPROVED'))`;
    expect(await read()).toEqual(kept);
    // The triggers' one-mentor path gives the same rows again.
    await app.prisma.$executeRaw`DELETE FROM directory_entry`;
    await app.prisma.$executeRaw`SELECT directory_entry_sync(u.id) FROM "user" u`;
    expect(await read()).toEqual(kept);
  });
});

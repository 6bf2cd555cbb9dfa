import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { createTestApp } from "../testing/index.ts";
import {
  createPlainUser,
  createSessionWithBookings,
  invalidFields,
  outcome,
  signUpMentor,
} from "./testing/offerings.ts";

type Mentor = Awaited<ReturnType<typeof signUpMentor>>;
type CreateInput = Parameters<Mentor["caller"]["offerings"]["create"]>[0];

let app: App;
let mentor: Mentor;
let other: Mentor;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const oneToOne = {
  title: "Career coaching",
  description: "An hour on your next move.",
  kind: "ONE_TO_ONE",
  options: [
    { durationMinutes: 30, priceMinor: 3000, currency: "EUR" },
    { durationMinutes: 60, priceMinor: 5500, currency: "EUR" },
  ],
} satisfies CreateInput;

const group = {
  title: "System design circle",
  kind: "GROUP",
  capacity: 8,
  options: [{ durationMinutes: 90, priceMinor: 2000, currency: "EUR" }],
} satisfies CreateInput;

beforeAll(async () => {
  app = await createTestApp();
  mentor = await signUpMentor(app, { name: "Maya Mentor", email: "maya@offerings.test" });
  other = await signUpMentor(app, { name: "Otto Other", email: "otto@offerings.test" });
});
afterAll(() => app?.close());

const ownCount = () => app.prisma.offering.count({ where: { mentorId: mentor.userId } });

describe("offerings.create", () => {
  it("creates an active offering with its options, in minor units", async () => {
    const created = await mentor.caller.offerings.create(oneToOne);
    expect(created).toMatchObject({ status: "ACTIVE", kind: "ONE_TO_ONE", capacity: 1 });
    expect(created.currency).toBe("EUR");
    expect(created.options.map((o) => [o.durationMinutes, o.priceMinor, o.archivedAt])).toEqual([
      [30, 3000, null],
      [60, 5500, null],
    ]);
    const stored = await app.prisma.offeringOption.findMany({ where: { offeringId: created.id } });
    expect(stored).toHaveLength(2);
  });

  it("takes a group capacity between 2 and 49 (the video room holds the mentor too), and requires one", async () => {
    expect((await mentor.caller.offerings.create({ ...group, capacity: 2 })).capacity).toBe(2);
    expect((await mentor.caller.offerings.create({ ...group, capacity: 49 })).capacity).toBe(49);
    const before = await ownCount();
    for (const capacity of [1, 50, 51, 0, 2.5]) {
      expect(await invalidFields(mentor.caller.offerings.create({ ...group, capacity }))).toEqual([
        "capacity",
      ]);
    }
    const { capacity: _omitted, ...withoutCapacity } = group;
    expect(await invalidFields(mentor.caller.offerings.create(withoutCapacity))).toEqual([
      "capacity",
    ]);
    expect(await ownCount()).toBe(before);
  });

  it("refuses a capacity other than 1 for one-to-one, accepts an explicit 1", async () => {
    expect(
      await invalidFields(mentor.caller.offerings.create({ ...oneToOne, capacity: 3 })),
    ).toEqual(["capacity"]);
    expect((await mentor.caller.offerings.create({ ...oneToOne, capacity: 1 })).capacity).toBe(1);
  });

  it("refuses the same duration twice", async () => {
    const options = [
      { durationMinutes: 60, priceMinor: 5000, currency: "EUR" as const },
      { durationMinutes: 60, priceMinor: 7000, currency: "EUR" as const },
    ];
    expect(await invalidFields(mentor.caller.offerings.create({ ...oneToOne, options }))).toEqual([
      "options.1.durationMinutes",
    ]);
  });

  it("refuses mixed currencies in one offering", async () => {
    const options = [
      { durationMinutes: 30, priceMinor: 3000, currency: "EUR" as const },
      { durationMinutes: 60, priceMinor: 6000, currency: "USD" as const },
    ];
    expect(await invalidFields(mentor.caller.offerings.create({ ...oneToOne, options }))).toEqual([
      "options",
    ]);
  });

  it.each(["XYZ", "eur", "BTC", "EURO"])("refuses the currency %s", async (currency) => {
    const options = [{ durationMinutes: 30, priceMinor: 3000, currency }];
    expect(
      await invalidFields(mentor.caller.offerings.create({ ...oneToOne, options } as never)),
    ).toEqual(["options.0.currency"]);
  });

  it.each([
    ["a negative price", { priceMinor: -1 }, "options.0.priceMinor"],
    ["a fractional price", { priceMinor: 10.5 }, "options.0.priceMinor"],
    ["a price beyond int4", { priceMinor: 2 ** 31 }, "options.0.priceMinor"],
    ["a duration off the 5-minute grid", { durationMinutes: 42 }, "options.0.durationMinutes"],
    ["a duration under 5 minutes", { durationMinutes: 0 }, "options.0.durationMinutes"],
    ["a duration over 8 hours", { durationMinutes: 485 }, "options.0.durationMinutes"],
  ])("refuses %s", async (_label, change, field) => {
    const options = [
      { durationMinutes: 30, priceMinor: 3000, currency: "EUR" as const, ...change },
    ];
    expect(await invalidFields(mentor.caller.offerings.create({ ...oneToOne, options }))).toEqual([
      field,
    ]);
  });

  it("refuses no option and more than six", async () => {
    expect(
      await invalidFields(mentor.caller.offerings.create({ ...oneToOne, options: [] })),
    ).toEqual(["options"]);
    const seven = [15, 30, 45, 60, 75, 90, 120].map((durationMinutes) => ({
      durationMinutes,
      priceMinor: 100,
      currency: "EUR" as const,
    }));
    expect(
      await invalidFields(mentor.caller.offerings.create({ ...oneToOne, options: seven })),
    ).toEqual(["options"]);
  });

  it("refuses titles under 3 or over 120 characters", async () => {
    expect(
      await invalidFields(mentor.caller.offerings.create({ ...oneToOne, title: "  Hi  " })),
    ).toEqual(["title"]);
    expect(
      await invalidFields(mentor.caller.offerings.create({ ...oneToOne, title: "x".repeat(121) })),
    ).toEqual(["title"]);
  });

  it("accepts a free option (price 0) and currencies with 0 or 3 decimals", async () => {
    const free = await mentor.caller.offerings.create({
      ...oneToOne,
      options: [{ durationMinutes: 15, priceMinor: 0, currency: "JPY" }],
    });
    expect(free.options[0]).toMatchObject({ priceMinor: 0, currency: "JPY" });
    const tnd = await mentor.caller.offerings.create({
      ...oneToOne,
      options: [{ durationMinutes: 45, priceMinor: 45_500, currency: "TND" }],
    });
    expect(tnd.options[0]).toMatchObject({ priceMinor: 45_500, currency: "TND" });
  });
});

describe("offerings.list", () => {
  it("lists only the mentor's own offerings, archived ones included", async () => {
    const mine = await mentor.caller.offerings.create({ ...oneToOne, title: "Mine to archive" });
    await mentor.caller.offerings.archive({ offeringId: mine.id });
    const theirs = await other.caller.offerings.create({ ...oneToOne, title: "Not yours" });

    const listed = await mentor.caller.offerings.list();
    const ids = listed.map((offering) => offering.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(listed.find((offering) => offering.id === mine.id)?.status).toBe("ARCHIVED");
    expect(listed.every((offering) => offering.options.length > 0)).toBe(true);
    // Active offerings come first.
    const firstArchived = listed.findIndex((offering) => offering.status === "ARCHIVED");
    expect(listed.slice(firstArchived).every((o) => o.status === "ARCHIVED")).toBe(true);
  });
});

describe("another mentor's offering", () => {
  it("reads as NOT_FOUND on update, archive and restore, and stays unchanged", async () => {
    const theirs = await other.caller.offerings.create({ ...oneToOne, title: "Otto's own" });
    const optionId = theirs.options[0]!.id;
    expect(
      await outcome(mentor.caller.offerings.update({ offeringId: theirs.id, title: "Hijacked" })),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        mentor.caller.offerings.update({
          offeringId: theirs.id,
          prices: [{ optionId, priceMinor: 1 }],
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await outcome(mentor.caller.offerings.archive({ offeringId: theirs.id }))).toBe(
      "NOT_FOUND",
    );
    await other.caller.offerings.archive({ offeringId: theirs.id });
    expect(await outcome(mentor.caller.offerings.restore({ offeringId: theirs.id }))).toBe(
      "NOT_FOUND",
    );
    const stored = await app.prisma.offering.findUniqueOrThrow({
      where: { id: theirs.id },
      include: { options: true },
    });
    expect(stored.title).toBe("Otto's own");
    expect(stored.status).toBe("ARCHIVED");
    expect(stored.options.find((o) => o.id === optionId)?.priceMinor).toBe(3000);
  });

  it("refuses an option of another offering inside one's own offering", async () => {
    const mine = await mentor.caller.offerings.create(oneToOne);
    const theirs = await other.caller.offerings.create(oneToOne);
    const foreignOption = theirs.options[0]!.id;
    expect(
      await outcome(
        mentor.caller.offerings.update({
          offeringId: mine.id,
          prices: [{ optionId: foreignOption, priceMinor: 1 }],
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        mentor.caller.offerings.update({ offeringId: mine.id, archiveOptionIds: [foreignOption] }),
      ),
    ).toBe("NOT_FOUND");
    const option = await app.prisma.offeringOption.findUniqueOrThrow({
      where: { id: foreignOption },
    });
    expect(option).toMatchObject({ priceMinor: 3000, archivedAt: null });
  });
});

describe("offerings.update", () => {
  it("never changes a booking already made: the booking keeps its price snapshot", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    const option = offering.options.find((o) => o.durationMinutes === 60)!;
    const menteeId = await createPlainUser(app);
    const { session, bookings } = await createSessionWithBookings(app, {
      mentorId: mentor.userId,
      offeringId: offering.id,
      optionId: option.id,
      startsAt: new Date(Date.now() + 3 * DAY),
      durationMinutes: 60,
      capacity: 1,
      menteeIds: [menteeId],
      priceMinor: option.priceMinor,
      currency: option.currency,
      title: offering.title,
    });

    const updated = await mentor.caller.offerings.update({
      offeringId: offering.id,
      title: "Career coaching, renamed",
      prices: [{ optionId: option.id, priceMinor: 9900 }],
    });
    expect(updated.options.find((o) => o.id === option.id)?.priceMinor).toBe(9900);
    expect(updated.title).toBe("Career coaching, renamed");

    const booking = await app.prisma.booking.findUniqueOrThrow({ where: { id: bookings[0]!.id } });
    expect(booking.priceMinor).toBe(5500);
    expect(booking.currency).toBe("EUR");
    expect(booking.durationMinutes).toBe(60);
    expect(booking.offeringTitle).toBe("Career coaching");

    // Archiving the option the session uses keeps the option (archived) and the session on it.
    const archived = await mentor.caller.offerings.update({
      offeringId: offering.id,
      archiveOptionIds: [option.id],
    });
    expect(archived.options.find((o) => o.id === option.id)?.archivedAt).toBeInstanceOf(Date);
    const stillThere = await app.prisma.mentoringSession.findUniqueOrThrow({
      where: { id: session.id },
      include: { option: true },
    });
    expect(stillThere.option.id).toBe(option.id);
    expect(stillThere.option.archivedAt).not.toBeNull();
    const after = await app.prisma.booking.findUniqueOrThrow({ where: { id: bookings[0]!.id } });
    expect(after.priceMinor).toBe(5500);
  });

  it("adds a duration in the offering's currency, refuses another currency or a live duplicate", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    const added = await mentor.caller.offerings.update({
      offeringId: offering.id,
      addOptions: [{ durationMinutes: 90, priceMinor: 8000, currency: "EUR" }],
    });
    expect(added.options.map((o) => o.durationMinutes)).toEqual([30, 60, 90]);

    expect(
      await outcome(
        mentor.caller.offerings.update({
          offeringId: offering.id,
          addOptions: [{ durationMinutes: 120, priceMinor: 8000, currency: "USD" }],
        }),
      ),
    ).toBe("VALIDATION_FAILED");
    expect(
      await outcome(
        mentor.caller.offerings.update({
          offeringId: offering.id,
          addOptions: [{ durationMinutes: 60, priceMinor: 1, currency: "EUR" }],
        }),
      ),
    ).toBe("CONFLICT");
    const stored = await app.prisma.offeringOption.findMany({ where: { offeringId: offering.id } });
    expect(stored.map((o) => o.durationMinutes).sort((a, b) => a - b)).toEqual([30, 60, 90]);
    expect(stored.find((o) => o.durationMinutes === 60)?.priceMinor).toBe(5500);
  });

  it("brings an archived duration back on sale at the new price", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    const thirty = offering.options.find((o) => o.durationMinutes === 30)!;
    await mentor.caller.offerings.update({
      offeringId: offering.id,
      archiveOptionIds: [thirty.id],
    });
    const back = await mentor.caller.offerings.update({
      offeringId: offering.id,
      addOptions: [{ durationMinutes: 30, priceMinor: 3500, currency: "EUR" }],
    });
    expect(back.options.find((o) => o.id === thirty.id)).toMatchObject({
      priceMinor: 3500,
      archivedAt: null,
    });
  });

  it("refuses to archive the last live option, and changes nothing of that edit", async () => {
    const offering = await mentor.caller.offerings.create(group);
    const only = offering.options[0]!;
    expect(
      await outcome(
        mentor.caller.offerings.update({
          offeringId: offering.id,
          title: "Should not stick",
          addOptions: [],
          archiveOptionIds: [only.id],
        }),
      ),
    ).toBe("VALIDATION_FAILED");
    const stored = await app.prisma.offering.findUniqueOrThrow({
      where: { id: offering.id },
      include: { options: true },
    });
    expect(stored.title).toBe(group.title);
    expect(stored.options[0]?.archivedAt).toBeNull();
  });

  it("refuses archiving an option twice (guarded) and repricing an archived one", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    const thirty = offering.options.find((o) => o.durationMinutes === 30)!;
    await mentor.caller.offerings.update({
      offeringId: offering.id,
      archiveOptionIds: [thirty.id],
    });
    expect(
      await outcome(
        mentor.caller.offerings.update({ offeringId: offering.id, archiveOptionIds: [thirty.id] }),
      ),
    ).toBe("CONFLICT");
    expect(
      await outcome(
        mentor.caller.offerings.update({
          offeringId: offering.id,
          prices: [{ optionId: thirty.id, priceMinor: 1 }],
        }),
      ),
    ).toBe("CONFLICT");
  });

  it("does not lower a group's capacity below the places taken in a session ahead", async () => {
    const offering = await mentor.caller.offerings.create({ ...group, capacity: 5 });
    const option = offering.options[0]!;
    const mentees = [
      await createPlainUser(app),
      await createPlainUser(app),
      await createPlainUser(app),
    ];
    const base = {
      mentorId: mentor.userId,
      offeringId: offering.id,
      optionId: option.id,
      durationMinutes: 90,
      capacity: 5,
      priceMinor: 2000,
      currency: "EUR",
      title: offering.title,
    };
    const ahead = await createSessionWithBookings(app, {
      ...base,
      startsAt: new Date(Date.now() + 5 * DAY),
      menteeIds: mentees,
    });
    // A past session with more places taken does not count.
    const past = await createSessionWithBookings(app, {
      ...base,
      startsAt: new Date(Date.now() - 5 * DAY),
      menteeIds: [...mentees, await createPlainUser(app)],
    });

    expect(
      await outcome(mentor.caller.offerings.update({ offeringId: offering.id, capacity: 2 })),
    ).toBe("CONFLICT");
    expect(
      (await app.prisma.offering.findUniqueOrThrow({ where: { id: offering.id } })).capacity,
    ).toBe(5);

    const lowered = await mentor.caller.offerings.update({ offeringId: offering.id, capacity: 3 });
    expect(lowered.capacity).toBe(3);
    const session = await app.prisma.mentoringSession.findUniqueOrThrow({
      where: { id: ahead.session.id },
    });
    expect(session.capacity).toBe(3);
    const pastSession = await app.prisma.mentoringSession.findUniqueOrThrow({
      where: { id: past.session.id },
    });
    expect(pastSession.capacity).toBe(5);
  });

  it("refuses a capacity change on a one-to-one offering", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    expect(
      await outcome(mentor.caller.offerings.update({ offeringId: offering.id, capacity: 4 })),
    ).toBe("VALIDATION_FAILED");
    expect(
      (await app.prisma.offering.findUniqueOrThrow({ where: { id: offering.id } })).capacity,
    ).toBe(1);
  });

  it("refuses an option both repriced and archived, or listed twice", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    const id = offering.options[0]!.id;
    expect(
      await invalidFields(
        mentor.caller.offerings.update({
          offeringId: offering.id,
          prices: [{ optionId: id, priceMinor: 1 }],
          archiveOptionIds: [id],
        }),
      ),
    ).toEqual(["archiveOptionIds"]);
    expect(
      await invalidFields(
        mentor.caller.offerings.update({
          offeringId: offering.id,
          addOptions: [
            { durationMinutes: 90, priceMinor: 1, currency: "EUR" },
            { durationMinutes: 90, priceMinor: 2, currency: "EUR" },
          ],
        }),
      ),
    ).toEqual(["addOptions.1.durationMinutes"]);
  });
});

describe("offerings.archive / offerings.restore", () => {
  it("are guarded transitions: twice in a row is a CONFLICT", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    expect(await outcome(mentor.caller.offerings.restore({ offeringId: offering.id }))).toBe(
      "CONFLICT",
    );
    expect((await mentor.caller.offerings.archive({ offeringId: offering.id })).status).toBe(
      "ARCHIVED",
    );
    expect(await outcome(mentor.caller.offerings.archive({ offeringId: offering.id }))).toBe(
      "CONFLICT",
    );
    expect((await mentor.caller.offerings.restore({ offeringId: offering.id })).status).toBe(
      "ACTIVE",
    );
    expect(await outcome(mentor.caller.offerings.restore({ offeringId: offering.id }))).toBe(
      "CONFLICT",
    );
  });

  it("let exactly one of two concurrent archives win", async () => {
    const offering = await mentor.caller.offerings.create(oneToOne);
    const results = await Promise.all([
      outcome(mentor.caller.offerings.archive({ offeringId: offering.id })),
      outcome(mentor.caller.offerings.archive({ offeringId: offering.id })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "OK"]);
  });
});

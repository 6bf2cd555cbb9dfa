import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import {
  createMentorWithOfferings,
  createUser,
  nextMondayAt,
} from "../bookings/testing/bookings.ts";
import { createTestApp } from "../testing/index.ts";
import { loadBookableOption, maxSessionBlockMs, offeredSlots } from "./offered-slots.ts";
import { wallTimeToInstant } from "./slots/index.ts";

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

// The slot read is one statement (decision 077): which sessions block, which bookings hold a
// seat, and which overrides apply must be exactly what the separate reads gave.
describe("offeredSlots from the one slot statement", () => {
  it("counts only live seats, hides a full group session, ignores cancelled sessions, applies overrides", async () => {
    const { mentor, paidOption, groupOption } = await createMentorWithOfferings(app);
    // Monday 07:00 UTC: 08:00 or 09:00 in Paris, inside the mentor's 06:00–22:00.
    const from = nextMondayAt(7);
    const at = (hours: number) => new Date(from.getTime() + hours * HOUR_MS);
    const session = (option: { id: string; offeringId: string }, start: Date, minutes: number) =>
      app.prisma.mentoringSession.create({
        data: {
          mentorId: mentor.id,
          offeringId: option.offeringId,
          optionId: option.id,
          startsAt: start,
          endsAt: new Date(start.getTime() + minutes * 60_000),
          blockedUntil: new Date(start.getTime() + (minutes + 15) * 60_000),
          capacity: option.id === groupOption.id ? 3 : 1,
        },
      });
    const seats = async (sessionId: string, statuses: string[]) => {
      for (const status of statuses) {
        const mentee = await createUser(app, `Mentee ${status}`);
        await app.prisma.booking.create({
          data: {
            sessionId,
            menteeId: mentee.id,
            status: status as "CONFIRMED",
            offeringTitle: "Group clinic",
            durationMinutes: 90,
            priceMinor: 2_000,
            currency: "EUR",
            ...(status === "PENDING_PAYMENT" ? { holdExpiresAt: at(1) } : {}),
          },
        });
      }
    };
    // Two live seats of three (a cancelled booking and an expired hold hold none).
    const open = await session(groupOption, at(2), 90);
    await seats(open.id, ["CONFIRMED", "PENDING_PAYMENT", "CANCELLED", "EXPIRED"]);
    // Three live seats of three: full.
    const full = await session(groupOption, at(6), 90);
    await seats(full.id, ["CONFIRMED", "CONFIRMED", "PENDING_PAYMENT"]);
    // A cancelled 1:1 session blocks nothing.
    const cancelled = await session(paidOption, at(10), 60);
    await app.prisma.mentoringSession.update({
      where: { id: cancelled.id },
      data: { status: "CANCELLED", cancelledAt: from },
    });
    // The next day off, and the day after open until 23:30 (rules stop at 22:00).
    const dateOf = (hours: number) => new Date(`${at(hours).toISOString().slice(0, 10)}T00:00:00Z`);
    await app.prisma.availabilityOverride.createMany({
      data: [
        { mentorId: mentor.id, date: dateOf(24), kind: "UNAVAILABLE" },
        {
          mentorId: mentor.id,
          date: dateOf(48),
          kind: "AVAILABLE",
          startMinute: 22 * 60,
          endMinute: 23 * 60 + 30,
        },
      ],
    });

    const group = await loadBookableOption(app.prisma, groupOption.id);
    const paid = await loadBookableOption(app.prisma, paidOption.id);
    if (!group || !paid) throw new Error("no option");
    const range = { from, to: at(72), now: from };
    const groupSlots = await offeredSlots(app.prisma, group, range);
    const paidSlots = await offeredSlots(app.prisma, paid, range);

    const joinable = groupSlots.filter((slot) => slot.sessionId !== undefined);
    expect(joinable.map((slot) => [slot.sessionId, slot.seatsLeft])).toEqual([[open.id, 1]]);
    expect(groupSlots.some((slot) => slot.sessionId === full.id)).toBe(false);
    // Nothing new overlaps either group session with its buffer, for either option.
    for (const slots of [groupSlots, paidSlots]) {
      for (const busy of [open, full]) {
        const overlapping = slots.filter(
          (slot) =>
            slot.sessionId === undefined &&
            slot.startMs < busy.blockedUntil.getTime() &&
            slot.endMs + 15 * 60_000 > busy.startsAt.getTime(),
        );
        expect(overlapping).toEqual([]);
      }
    }
    // The cancelled session's hour is free; a new group session there has every seat.
    expect(paidSlots.map((slot) => slot.startMs)).toContain(cancelled.startsAt.getTime());
    const there = groupSlots.find((slot) => slot.startMs === cancelled.startsAt.getTime());
    expect(there?.seatsLeft).toBe(3);
    expect(paidSlots.every((slot) => slot.seatsLeft === undefined)).toBe(true);
    // The day off has no slot; the extra evening has one at 22:00 Paris.
    const day = (slot: { startMs: number }) => new Date(slot.startMs).toISOString().slice(0, 10);
    expect(paidSlots.filter((slot) => day(slot) === dateOf(24).toISOString().slice(0, 10))).toEqual(
      [],
    );
    const wednesday = dateOf(48).toISOString().slice(0, 10);
    const tenPm = wallTimeToInstant("Europe/Paris", wednesday, 22 * 60, "earlier");
    const evening = paidSlots.filter((slot) => slot.startMs >= tenPm && day(slot) === wednesday);
    expect(evening[0]?.startMs).toBe(tenPm);
    expect(Math.max(...evening.map((slot) => slot.endMs))).toBe(tenPm + 90 * 60_000);
  });
});

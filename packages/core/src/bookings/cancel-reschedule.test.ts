import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { createTestApp } from "../testing/index.ts";
import { cancelBookingByMentee, cancelSessionByMentor } from "./cancel-booking.ts";
import { holdSlot } from "./hold-slot.ts";
import { rescheduleSession } from "./reschedule-session.ts";
import { createMentorWithOfferings, createUser, nextMondayAt } from "./testing/bookings.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp({ MENTEE_FREE_CANCELLATION_HOURS: "24" });
});
afterAll(() => app?.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? String(error);
  }
}

async function jobs(name: string, bookingId: string) {
  const { rows } = await app.pool.query(
    `SELECT data, start_after FROM pgboss.job WHERE name = $1 AND data->>'bookingId' = $2
     ORDER BY start_after`,
    [name, bookingId],
  );
  return rows as {
    data: { kind?: string; scheduleVersion: number; event?: string };
    start_after: Date;
  }[];
}

describe("mentee cancellation", () => {
  it("is free until the policy window, then refused with CANCELLATION_WINDOW_PASSED", async () => {
    const { freeOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Canceller");
    const startsAt = nextMondayAt(9, 2);
    const booking = await holdSlot(app, { menteeId: mentee.id, optionId: freeOption.id, startsAt });

    const lateClock = new Date(startsAt.getTime() - 2 * 3_600_000);
    expect(
      await codeOf(
        cancelBookingByMentee(app, { bookingId: booking.id, menteeId: mentee.id }, lateClock),
      ),
    ).toBe("CANCELLATION_WINDOW_PASSED");

    await cancelBookingByMentee(app, { bookingId: booking.id, menteeId: mentee.id, reason: "ill" });
    const cancelled = await app.prisma.booking.findUniqueOrThrow({
      where: { id: booking.id },
      include: { session: true },
    });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelledBy).toBe("MENTEE");
    expect(cancelled.cancelReason).toBe("ill");
    expect(cancelled.session.status).toBe("CANCELLED");
    const events = (await jobs("booking.notify", booking.id)).map((job) => job.data.event);
    expect(events).toEqual(["confirmed", "cancelled"]);
    // Twice: nothing changes and the caller is told.
    expect(
      await codeOf(cancelBookingByMentee(app, { bookingId: booking.id, menteeId: mentee.id })),
    ).toBe("BOOKING_NOT_CANCELLABLE");
  });

  it("another user's booking reads as NOT_FOUND and is left alone", async () => {
    const { freeOption } = await createMentorWithOfferings(app);
    const [owner, stranger] = [await createUser(app, "Owner"), await createUser(app, "Stranger")];
    const booking = await holdSlot(app, {
      menteeId: owner.id,
      optionId: freeOption.id,
      startsAt: nextMondayAt(11, 2),
    });
    expect(
      await codeOf(cancelBookingByMentee(app, { bookingId: booking.id, menteeId: stranger.id })),
    ).toBe("NOT_FOUND");
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
  });
});

describe("mentor cancellation", () => {
  it("cancels every participant of a group session and frees the time", async () => {
    const { mentor, groupOption } = await createMentorWithOfferings(app);
    const startsAt = nextMondayAt(13, 3);
    const bookings = [];
    for (const name of ["A", "B", "C"]) {
      const mentee = await createUser(app, name);
      bookings.push(
        await holdSlot(app, { menteeId: mentee.id, optionId: groupOption.id, startsAt }),
      );
    }
    const other = await createMentorWithOfferings(app);
    expect(
      await codeOf(
        cancelSessionByMentor(app, {
          sessionId: bookings[0]!.sessionId,
          mentorId: other.mentor.id,
        }),
      ),
    ).toBe("NOT_FOUND");

    const result = await cancelSessionByMentor(app, {
      sessionId: bookings[0]!.sessionId,
      mentorId: mentor.id,
      reason: "conference",
    });
    expect(result.cancelledBookings).toBe(3);
    const rows = await app.prisma.booking.findMany({
      where: { sessionId: bookings[0]!.sessionId },
    });
    expect(rows.map((row) => [row.status, row.cancelledBy])).toEqual([
      ["CANCELLED", "MENTOR"],
      ["CANCELLED", "MENTOR"],
      ["CANCELLED", "MENTOR"],
    ]);
    // The slot is bookable again.
    const later = await createUser(app, "Later");
    const again = await holdSlot(app, { menteeId: later.id, optionId: groupOption.id, startsAt });
    expect(again.sessionId).not.toBe(bookings[0]!.sessionId);
  });
});

describe("reschedule", () => {
  it("moves the session, bumps the schedule version and schedules new reminders", async () => {
    const { mentor, freeOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Mover");
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: freeOption.id,
      startsAt: nextMondayAt(9, 4),
    });
    const before = await jobs("booking.reminder", booking.id);
    expect(before.map((job) => job.data.scheduleVersion)).toEqual([1, 1]);

    const newStart = nextMondayAt(15, 4);
    await rescheduleSession(app, {
      sessionId: booking.sessionId,
      mentorId: mentor.id,
      startsAt: newStart,
    });
    const moved = await app.prisma.booking.findUniqueOrThrow({
      where: { id: booking.id },
      include: { session: true },
    });
    expect(moved.session.startsAt.toISOString()).toBe(newStart.toISOString());
    expect(moved.session.endsAt.getTime() - newStart.getTime()).toBe(30 * 60_000);
    expect(moved.scheduleVersion).toBe(2);
    expect(moved.priceMinor).toBe(booking.priceMinor);
    const after = (await jobs("booking.reminder", booking.id)).filter(
      (job) => job.data.scheduleVersion === 2,
    );
    expect(after.map((job) => job.start_after.getTime()).sort()).toEqual([
      newStart.getTime() - 24 * 3_600_000,
      newStart.getTime() - 3_600_000,
    ]);
  });

  it("refuses a move onto another session (SLOT_TAKEN) and a stranger's session (NOT_FOUND)", async () => {
    const { mentor, freeOption, paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Clash");
    const first = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: freeOption.id,
      startsAt: nextMondayAt(9, 5),
    });
    await holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(12, 5),
    });
    expect(
      await codeOf(
        rescheduleSession(app, {
          sessionId: first.sessionId,
          mentorId: mentor.id,
          startsAt: new Date(nextMondayAt(12, 5).getTime() + 15 * 60_000),
        }),
      ),
    ).toBe("SLOT_TAKEN");
    const stranger = await createUser(app, "Stranger");
    expect(
      await codeOf(
        rescheduleSession(app, {
          sessionId: first.sessionId,
          mentorId: stranger.id,
          startsAt: nextMondayAt(16, 5),
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});

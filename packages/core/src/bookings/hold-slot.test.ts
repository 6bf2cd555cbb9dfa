import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { hashInvitationToken } from "../invitations/index.ts";
import { createTestApp } from "../testing/index.ts";
import { expireHold } from "./expire-hold.job.ts";
import { holdSlot } from "./hold-slot.ts";
import { createMentorWithOfferings, createUser, nextMondayAt } from "./testing/bookings.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    const code = errorCodeOf(error);
    if (!code) throw error;
    return code;
  }
}

async function queuedJobs(name: string, bookingId: string) {
  const { rows } = await app.pool.query(
    `SELECT state, start_after FROM pgboss.job WHERE name = $1 AND data->>'bookingId' = $2`,
    [name, bookingId],
  );
  return rows as { state: string; start_after: Date }[];
}

describe("holding a slot", () => {
  it("50 concurrent holds on one one-to-one slot: exactly one wins, the rest get SLOT_TAKEN", async () => {
    // Whether a loser reads the slots before or after the winner commits, it hears SLOT_TAKEN.
    const { paidOption } = await createMentorWithOfferings(app);
    const mentees = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createUser(app, `Racer ${i}`)),
    );
    const startsAt = nextMondayAt(10);
    const results = await Promise.all(
      mentees.map((mentee) =>
        outcome(holdSlot(app, { menteeId: mentee.id, optionId: paidOption.id, startsAt })),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "SLOT_TAKEN")).toHaveLength(49);
    const sessions = await app.prisma.mentoringSession.count({
      where: { optionId: paidOption.id, status: "SCHEDULED" },
    });
    expect(sessions).toBe(1);
  });

  it("a burst whose first hold is refused still has exactly one winner among the others", async () => {
    // The holds that wait on the first one look at the slot once it settled: free (the first was
    // the mentor's own, refused), so they race for it as before (decision 081).
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    const mentees = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(app, `Second wave ${i}`)),
    );
    const startsAt = nextMondayAt(12, 2);
    const hold = (menteeId: string) =>
      outcome(holdSlot(app, { menteeId, optionId: paidOption.id, startsAt }));
    const [own, ...results] = await Promise.all([mentor.id, ...mentees.map((m) => m.id)].map(hold));
    expect(own).toBe("FORBIDDEN");
    expect(results.filter((r) => r === "OK")).toHaveLength(1);
    expect(results.filter((r) => r === "SLOT_TAKEN")).toHaveLength(19);
    expect(
      await app.prisma.mentoringSession.count({
        where: { optionId: paidOption.id, startsAt, status: "SCHEDULED" },
      }),
    ).toBe(1);
  });

  it("the holds that lose a burst hear what their own checks say of a taken slot", async () => {
    // The first hold wins a one-to-one slot: the others are refused without a look, the mentor
    // among them as the mentor, and a blocked mentee hears SLOT_TAKEN like everyone else
    // (nothing about the block shows).
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    const [winner, blocked, other] = [
      await createUser(app, "Early"),
      await createUser(app, "Blocked"),
      await createUser(app, "Other"),
    ];
    await app.prisma.mentorBlock.create({ data: { mentorId: mentor.id, menteeId: blocked.id } });
    const startsAt = nextMondayAt(14, 2);
    const hold = (menteeId: string) =>
      outcome(holdSlot(app, { menteeId, optionId: paidOption.id, startsAt }));
    expect(await Promise.all([winner.id, mentor.id, blocked.id, other.id].map(hold))).toEqual([
      "OK",
      "FORBIDDEN",
      "SLOT_TAKEN",
      "SLOT_TAKEN",
    ]);
    // Alone, the block answers as before.
    expect(await hold(blocked.id)).toBe("SLOT_UNAVAILABLE");
    // A burst on the taken slot whose first hold is refused for its own reason: the others look
    // at the slot once and hear it is taken.
    expect(await Promise.all([blocked.id, mentor.id, other.id, winner.id].map(hold))).toEqual([
      "SLOT_UNAVAILABLE",
      "FORBIDDEN",
      "SLOT_TAKEN",
      "SLOT_TAKEN",
    ]);
    expect(
      await outcome(
        holdSlot(app, {
          menteeId: blocked.id,
          optionId: paidOption.id,
          startsAt: nextMondayAt(16, 2),
        }),
      ),
    ).toBe("SLOT_UNAVAILABLE");
  });

  it("a group session takes exactly its capacity under concurrency", async () => {
    const { groupOption } = await createMentorWithOfferings(app);
    const mentees = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUser(app, `Group ${i}`)),
    );
    const startsAt = nextMondayAt(13);
    const results = await Promise.all(
      mentees.map((mentee) =>
        outcome(holdSlot(app, { menteeId: mentee.id, optionId: groupOption.id, startsAt })),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(3);
    expect(results.filter((r) => r !== "OK").every((r) => r === "SESSION_FULL")).toBe(true);
    const sessions = await app.prisma.mentoringSession.findMany({
      where: { optionId: groupOption.id },
      include: { _count: { select: { bookings: true } } },
    });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?._count.bookings).toBe(3);
    // Once full, the session is not offered: a later hold hears its seats are gone, not that
    // the slot is taken.
    const late = await createUser(app, "Group late");
    expect(
      await outcome(holdSlot(app, { menteeId: late.id, optionId: groupOption.id, startsAt })),
    ).toBe("SESSION_FULL");
  });

  it("keeps a snapshot of the price and holds a paid slot for payment, with an expiry job", async () => {
    const { paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Payer");
    const before = Date.now();
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(10, 2),
    });
    expect(booking.status).toBe("PENDING_PAYMENT");
    expect(booking.priceMinor).toBe(5000);
    expect(booking.holdExpiresAt!.getTime() - before).toBeGreaterThan(14 * 60_000);
    const [job] = await queuedJobs("booking.expire-hold", booking.id);
    expect(job?.start_after.getTime()).toBe(booking.holdExpiresAt!.getTime());

    await app.prisma.offeringOption.update({
      where: { id: paidOption.id },
      data: { priceMinor: 9900 },
    });
    const stored = await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(stored.priceMinor).toBe(5000);
  });

  it("confirms a free slot at once and queues its notification", async () => {
    const { freeOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Freebie");
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: freeOption.id,
      startsAt: nextMondayAt(9),
      topic: "Moving to a staff role",
      note: "I lead a team of four.",
    });
    expect(booking.status).toBe("CONFIRMED");
    // The confirmation's topic and message reach the booking the mentor reads.
    expect(booking).toMatchObject({
      topic: "Moving to a staff role",
      note: "I lead a team of four.",
    });
    expect(booking.holdExpiresAt).toBeNull();
    expect(await queuedJobs("booking.notify", booking.id)).toHaveLength(1);
    expect(await queuedJobs("booking.expire-hold", booking.id)).toHaveLength(0);
  });

  it("refuses a time that is not offered, a taken time (buffer included) and a paused mentor", async () => {
    const { mentor, paidOption, freeOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Picky");
    const hold = (optionId: string, startsAt: Date) =>
      outcome(holdSlot(app, { menteeId: mentee.id, optionId, startsAt }));
    // 03:00 UTC is 04:00 in Paris: outside the mentor's hours.
    expect(await hold(paidOption.id, nextMondayAt(3))).toBe("SLOT_UNAVAILABLE");
    // Off the 30-minute grid.
    expect(await hold(paidOption.id, new Date(nextMondayAt(10).getTime() + 7 * 60_000))).toBe(
      "SLOT_UNAVAILABLE",
    );
    expect(await hold(paidOption.id, nextMondayAt(15, 3))).toBe("OK");
    // Right after that 60-minute session ends: inside its 15-minute buffer.
    expect(await hold(freeOption.id, nextMondayAt(16, 3))).toBe("SLOT_TAKEN");
    await app.prisma.mentorProfile.update({
      where: { userId: mentor.id },
      data: { acceptingBookings: false },
    });
    expect(await hold(freeOption.id, nextMondayAt(18, 3))).toBe("MENTOR_NOT_ACCEPTING");
  });

  it("refuses a mentor booking their own offering and a second place in one group session", async () => {
    const { mentor, groupOption } = await createMentorWithOfferings(app);
    const startsAt = nextMondayAt(13, 4);
    expect(
      await outcome(holdSlot(app, { menteeId: mentor.id, optionId: groupOption.id, startsAt })),
    ).toBe("FORBIDDEN");
    const mentee = await createUser(app, "Twice");
    await holdSlot(app, { menteeId: mentee.id, optionId: groupOption.id, startsAt });
    expect(
      await outcome(holdSlot(app, { menteeId: mentee.id, optionId: groupOption.id, startsAt })),
    ).toBe("ALREADY_BOOKED");
  });
});

describe("hold expiry", () => {
  it("releases an unpaid hold after its expiry, once, and frees the slot", async () => {
    const { paidOption } = await createMentorWithOfferings(app);
    const [first, second] = [await createUser(app, "Slow"), await createUser(app, "Next")];
    const startsAt = nextMondayAt(11, 5);
    const booking = await holdSlot(app, { menteeId: first.id, optionId: paidOption.id, startsAt });

    expect(await expireHold(app, booking.id, new Date())).toBe(false);
    const later = new Date(booking.holdExpiresAt!.getTime() + 1000);
    expect(await expireHold(app, booking.id, later)).toBe(true);
    expect(await expireHold(app, booking.id, later)).toBe(false);

    const expired = await app.prisma.booking.findUniqueOrThrow({
      where: { id: booking.id },
      include: { session: true },
    });
    expect(expired.status).toBe("EXPIRED");
    expect(expired.session.status).toBe("CANCELLED");
    const again = await holdSlot(app, { menteeId: second.id, optionId: paidOption.id, startsAt });
    expect(again.status).toBe("PENDING_PAYMENT");
  });

  it("never expires a confirmed booking", async () => {
    const { paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Paid");
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(12, 5),
    });
    // Payment (a later capability) confirms through the same guarded transition.
    await app.prisma.booking.update({ where: { id: booking.id }, data: { status: "CONFIRMED" } });
    const later = new Date(booking.holdExpiresAt!.getTime() + 1000);
    expect(await expireHold(app, booking.id, later)).toBe(false);
    expect((await app.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe(
      "CONFIRMED",
    );
  });
});

describe("invitations", () => {
  it("apply a private price, once per invitee", async () => {
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Invited");
    const token = "invitation-token-0123456789";
    await app.prisma.invitation.create({
      data: {
        mentorId: mentor.id,
        offeringId: paidOption.offeringId,
        tokenHash: hashInvitationToken(token),
        priceMinor: 1000,
        currency: "EUR",
        durationMinutes: paidOption.durationMinutes,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(10, 6),
      invitationToken: token,
    });
    expect(booking.priceMinor).toBe(1000);
    const reuse = holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(13, 6),
      invitationToken: token,
    });
    expect(await outcome(reuse)).toBe("INVITATION_USED");
    const forged = holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(15, 6),
      invitationToken: "not-a-real-token-000",
    });
    expect(await outcome(forged)).toBe("INVITATION_INVALID");
  });
});

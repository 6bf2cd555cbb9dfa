import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { hashInvitationToken } from "../invitations/index.ts";
import { contextFor, createTestApp } from "../testing/index.ts";
import { createCaller } from "../trpc/router.ts";
import { holdSlot } from "./hold-slot.ts";
import { createMentorWithOfferings, createUser, nextMondayAt } from "./testing/bookings.ts";

let app: App;
beforeAll(async () => {
  app = await createTestApp({ MAX_OPEN_HOLDS: "3", MAX_FREE_BOOKINGS_PER_WEEK: "2" });
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

async function callerAs(userId: string) {
  const context = await contextFor(app, {});
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: `s-${userId}`, userId } },
  } as never);
}

describe("caps on one mentee", () => {
  it("10 concurrent paid holds by one mentee on free slots: exactly MAX_OPEN_HOLDS win", async () => {
    const { paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Hoarder");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(
          holdSlot(app, {
            menteeId: mentee.id,
            optionId: paidOption.id,
            // Distinct, non-overlapping slots: only the cap can refuse.
            startsAt: nextMondayAt(6 + 2 * (i % 8), i < 8 ? 2 : 3),
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(3);
    expect(results.filter((r) => r === "HOLD_LIMIT_REACHED")).toHaveLength(7);
    expect(
      await app.prisma.booking.count({ where: { menteeId: mentee.id, status: "PENDING_PAYMENT" } }),
    ).toBe(3);
  });

  it("an expired or cancelled hold frees its place under the cap; the error says the limit", async () => {
    const { paidOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Patient");
    const holds = [];
    for (const hour of [7, 9, 11]) {
      holds.push(
        await holdSlot(app, {
          menteeId: mentee.id,
          optionId: paidOption.id,
          startsAt: nextMondayAt(hour, 2),
        }),
      );
    }
    const refused = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(13, 2),
    }).catch((error: unknown) => error);
    expect(errorCodeOf(refused)).toBe("HOLD_LIMIT_REACHED");
    expect((refused as { details?: unknown }).details).toEqual({ maxOpenHolds: 3 });
    // One hold's time ran out (the expiry job has not run yet): it no longer counts.
    await app.prisma.booking.update({
      where: { id: holds[0]?.id },
      data: { holdExpiresAt: new Date(Date.now() - 1_000) },
    });
    expect(
      await outcome(
        holdSlot(app, {
          menteeId: mentee.id,
          optionId: paidOption.id,
          startsAt: nextMondayAt(13, 2),
        }),
      ),
    ).toBe("OK");
  });

  it("free places: at most MAX_FREE_BOOKINGS_PER_WEEK with one mentor per week, races included", async () => {
    const { freeOption } = await createMentorWithOfferings(app);
    const other = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Freeloader");
    const week = (hour: number, weeks: number) => nextMondayAt(hour, weeks);
    const results = await Promise.all(
      [7, 9, 11, 13, 15].map((hour) =>
        outcome(
          holdSlot(app, { menteeId: mentee.id, optionId: freeOption.id, startsAt: week(hour, 2) }),
        ),
      ),
    );
    expect(results.filter((r) => r === "OK")).toHaveLength(2);
    expect(results.filter((r) => r === "FREE_BOOKING_LIMIT_REACHED")).toHaveLength(3);
    // Another week, or another mentor: allowed.
    expect(
      await outcome(
        holdSlot(app, { menteeId: mentee.id, optionId: freeOption.id, startsAt: week(9, 3) }),
      ),
    ).toBe("OK");
    expect(
      await outcome(
        holdSlot(app, { menteeId: mentee.id, optionId: other.freeOption.id, startsAt: week(9, 2) }),
      ),
    ).toBe("OK");
  });
});

describe("mentor blocks", () => {
  it("a blocked mentee hears SLOT_UNAVAILABLE (as for any gone slot); unblocking lets them book", async () => {
    const { mentor, paidOption, freeOption } = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Pest");
    const first = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: freeOption.id,
      startsAt: nextMondayAt(8, 4),
    });
    const mentorCaller = await callerAs(mentor.id);
    const blocked = await mentorCaller.mentorBlocks.block({ bookingId: first.id });
    expect(blocked).toMatchObject({ menteeId: mentee.id, name: "Pest" });
    // Idempotent.
    await mentorCaller.mentorBlocks.block({ bookingId: first.id });
    expect((await mentorCaller.mentorBlocks.list()).map((row) => row.menteeId)).toEqual([
      mentee.id,
    ]);

    for (const optionId of [paidOption.id, freeOption.id]) {
      expect(
        await outcome(
          holdSlot(app, { menteeId: mentee.id, optionId, startsAt: nextMondayAt(12, 4) }),
        ),
      ).toBe("SLOT_UNAVAILABLE");
    }
    // Someone else still books that very slot.
    const bystander = await createUser(app, "Bystander");
    expect(
      await outcome(
        holdSlot(app, {
          menteeId: bystander.id,
          optionId: paidOption.id,
          startsAt: nextMondayAt(12, 4),
        }),
      ),
    ).toBe("OK");

    expect(await mentorCaller.mentorBlocks.unblock({ menteeId: mentee.id })).toEqual({
      unblocked: true,
    });
    expect(await mentorCaller.mentorBlocks.list()).toEqual([]);
    expect(
      await outcome(
        holdSlot(app, {
          menteeId: mentee.id,
          optionId: paidOption.id,
          startsAt: nextMondayAt(16, 4),
        }),
      ),
    ).toBe("OK");
  });

  it("a mentor can only block from their own bookings", async () => {
    const { freeOption } = await createMentorWithOfferings(app);
    const stranger = await createMentorWithOfferings(app);
    const mentee = await createUser(app, "Someone");
    const booking = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: freeOption.id,
      startsAt: nextMondayAt(8, 5),
    });
    const strangerCaller = await callerAs(stranger.mentor.id);
    expect(await outcome(strangerCaller.mentorBlocks.block({ bookingId: booking.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await app.prisma.mentorBlock.count({ where: { menteeId: mentee.id } })).toBe(0);
  });
});

describe("invitations are bound to one duration", () => {
  it("the private price buys its own duration only", async () => {
    const { mentor, paidOption } = await createMentorWithOfferings(app);
    const longOption = await app.prisma.offeringOption.create({
      data: {
        offeringId: paidOption.offeringId,
        durationMinutes: 120,
        priceMinor: 15_000,
        currency: "EUR",
      },
    });
    const mentee = await createUser(app, "Invitee");
    const token = "duration-token-0123456789";
    await app.prisma.invitation.create({
      data: {
        mentorId: mentor.id,
        offeringId: paidOption.offeringId,
        tokenHash: hashInvitationToken(token),
        priceMinor: 500,
        currency: "EUR",
        durationMinutes: 60,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const wrong = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: longOption.id,
      startsAt: nextMondayAt(8, 6),
      invitationToken: token,
    }).catch((error: unknown) => error);
    expect(errorCodeOf(wrong)).toBe("INVITATION_WRONG_DURATION");
    expect((wrong as { details?: unknown }).details).toEqual({ durationMinutes: 60 });
    const right = await holdSlot(app, {
      menteeId: mentee.id,
      optionId: paidOption.id,
      startsAt: nextMondayAt(8, 6),
      invitationToken: token,
    });
    expect(right).toMatchObject({ priceMinor: 500, durationMinutes: 60 });
  });
});

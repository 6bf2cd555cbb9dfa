import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { createBookingFixture } from "../bookings/testing/booking-fixture.ts";
import { callerFor, createTestApp } from "../testing/index.ts";

let app: App;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(() => app?.close());

const HOUR = 3_600_000;

/** A completed session between a new approved mentor and a new mentee, with its conversation. */
async function completedSession(daysAgo: number, mentorId?: string) {
  const fixture = await createBookingFixture(app.prisma, {
    startsAt: new Date(Date.now() - daysAgo * 86_400_000),
    status: "COMPLETED",
  });
  if (mentorId) {
    // Move the session to the given mentor (the fixture always makes a new one).
    await app.prisma.mentoringSession.update({
      where: { id: fixture.session.id },
      data: { mentorId },
    });
  }
  const owner = mentorId ?? fixture.mentor.id;
  const conversation = await app.prisma.conversation.create({
    data: {
      bookingId: fixture.booking.id,
      sessionId: fixture.session.id,
      participants: {
        create: [
          { userId: owner, role: "MENTOR" },
          { userId: fixture.mentee.id, role: "MENTEE" },
        ],
      },
    },
  });
  return { ...fixture, mentorId: owner, conversationId: conversation.id };
}

async function say(conversationId: string, senderId: string, at: Date) {
  await app.prisma.message.create({
    data: { conversationId, senderId, body: "…", createdAt: at },
  });
}

describe("directory.mentor stats (the profile header)", () => {
  it("gives rating, sessions given, median first-reply time and member since", async () => {
    const first = await completedSession(3);
    const mentorId = first.mentorId;
    await app.prisma.mentorProfile.create({
      data: { userId: mentorId, status: "APPROVED", ratingCount: 4, ratingSum: 18 },
    });
    const second = await completedSession(4, mentorId);
    const third = await completedSession(5, mentorId);
    const base = Date.now() - 2 * 86_400_000;
    // Replies after 1 h and 3 h; the mentor's own opening line before the mentee's question
    // does not count as a reply, and an unanswered conversation is left out: median 2 h.
    await say(first.conversationId, first.mentee.id, new Date(base));
    await say(first.conversationId, mentorId, new Date(base + HOUR));
    await say(second.conversationId, mentorId, new Date(base - HOUR));
    await say(second.conversationId, second.mentee.id, new Date(base));
    await say(second.conversationId, mentorId, new Date(base + 3 * HOUR));
    await say(third.conversationId, third.mentee.id, new Date(base));

    const page = await (await callerFor(app)).directory.mentor({ mentorId });
    const user = await app.prisma.user.findUniqueOrThrow({ where: { id: mentorId } });
    expect(page.stats).toEqual({
      ratingCount: 4,
      ratingAverage: 4.5,
      sessionsGiven: 3,
      responseSeconds: 2 * 3600,
      memberSince: user.createdAt,
    });
  });

  it("says nothing it does not know: no reviews, no replies, no sessions", async () => {
    const fixture = await createBookingFixture(app.prisma, {
      startsAt: new Date(Date.now() + 86_400_000),
      status: "CONFIRMED",
    });
    await app.prisma.mentorProfile.create({
      data: { userId: fixture.mentor.id, status: "APPROVED" },
    });
    const page = await (await callerFor(app)).directory.mentor({ mentorId: fixture.mentor.id });
    expect(page.stats).toMatchObject({
      ratingCount: 0,
      ratingAverage: null,
      sessionsGiven: 0,
      responseSeconds: null,
    });
  });
});

describe("bookings.priceDetails (the confirmation's price and policy)", () => {
  it("splits a VAT-inclusive price as the invoice will, and gives the cancellation policy", async () => {
    const caller = await callerFor(app);
    const details = await caller.bookings.priceDetails({ priceMinor: 3500, currency: "EUR" });
    // 20 % included: 35.00 = 29.17 + 5.83, the invoice's half-up rule on the base.
    expect(details).toEqual({
      priceMinor: 3500,
      currency: "EUR",
      exclMinor: 2917,
      vatMinor: 583,
      vatRateBasisPoints: 2000,
      vatExempt: false,
      freeCancellationHours: 24,
      holdMinutes: 15,
    });
    expect(details.exclMinor + details.vatMinor).toBe(3500);
    await expect(
      caller.bookings.priceDetails({ priceMinor: -1, currency: "EUR" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.bookings.priceDetails({ priceMinor: 100, currency: "eur" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

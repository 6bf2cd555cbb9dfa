import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { reviewReminderJob } from "../app/job-handlers.ts";
import { errorCodeOf } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { createFakeAi, createTestApp, runEventDeliveries } from "../testing/index.ts";
import { attendanceRecorded } from "../video/index.ts";
import {
  eraseReviewsOf,
  ratingAggregateOf,
  reviewEligibility,
  reviewReminderDelayMs,
  reviewsWrittenBy,
} from "./index.ts";
import { listedMentor, pastSession, person } from "./testing/reviews-rig.ts";

const DAY = 24 * 3_600_000;

let app: App;
let fake: ReturnType<typeof createFakeAi>;
beforeAll(async () => {
  fake = createFakeAi();
  app = await createTestApp({ VIDEO_MIN_ATTENDANCE_MINUTES: "5" }, { ai: fake });
});
afterAll(() => app?.close());

/** The error code a promise rejects with (fails the test when it resolves). */
async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return errorCodeOf(error) ?? (error as { code?: string }).code;
  }
  throw new Error("expected a rejection");
}

/** The stored aggregate equals the one recomputed from the visible reviews. */
async function expectAggregateConsistent(mentorId: string) {
  const stored = await app.prisma.mentorProfile.findUniqueOrThrow({
    where: { userId: mentorId },
    select: { ratingCount: true, ratingSum: true },
  });
  expect(stored).toEqual(await ratingAggregateOf(app.prisma, mentorId));
  return stored;
}

const notificationsOf = (userId: string, kind: string) =>
  app.prisma.notification.findMany({ where: { recipientId: userId, kind: kind as never } });

describe("submitting a review", () => {
  it("an attended session is rated once: shown on the mentor's page, aggregate and mentor told", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Ada Lovelace");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 50 }], {
      endedAgoMs: 2 * DAY,
    });
    const bookingId = bookings[0]!.id;

    const before = await mentee.caller.reviews.forBooking({ bookingId });
    expect(before).toMatchObject({ canReview: true, review: null, reason: null });
    expect((await mentee.caller.reviews.awaiting()).bookingIds).toEqual([bookingId]);

    const created = await mentee.caller.reviews.submit({
      bookingId,
      rating: 4,
      text: "  Clear, kind and practical.  ",
    });
    expect(created).toMatchObject({ rating: 4, flagged: false });
    expect(fake.calls.text).toContain("Clear, kind and practical.");

    const page = await (await person(app, "Visitor")).caller.reviews.forMentor({
      mentorId: mentor.id,
    });
    expect(page.count).toBe(1);
    expect(page.average).toBe(4);
    expect(page.distribution.find((row) => row.stars === 4)?.count).toBe(1);
    expect(page.items[0]).toMatchObject({
      rating: 4,
      text: "Clear, kind and practical.",
      authorName: "Ada",
      offeringTitle: "CV review",
      answer: null,
    });
    expect(await expectAggregateConsistent(mentor.id)).toEqual({ ratingCount: 1, ratingSum: 4 });

    // Again: refused, nothing more counted.
    expect(await codeOf(mentee.caller.reviews.submit({ bookingId, rating: 1 }))).toBe(
      "REVIEW_ALREADY_SUBMITTED",
    );
    expect((await mentee.caller.reviews.awaiting()).bookingIds).toEqual([]);
    expect(await expectAggregateConsistent(mentor.id)).toEqual({ ratingCount: 1, ratingSum: 4 });

    await runEventDeliveries(app);
    const told = await notificationsOf(mentor.id, "REVIEW_RECEIVED");
    expect(told).toHaveLength(1);
    expect(told[0]?.data).toMatchObject({ path: `/bookings/${bookingId}`, rating: 4 });
  });

  it("two submissions racing for one booking: one review, the other REVIEW_ALREADY_SUBMITTED", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Race Mentee");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 30 }], {
      endedAgoMs: DAY,
    });
    const bookingId = bookings[0]!.id;
    const results = await Promise.allSettled([
      mentee.caller.reviews.submit({ bookingId, rating: 5 }),
      mentee.caller.reviews.submit({ bookingId, rating: 2 }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect(errorCodeOf((rejected as PromiseRejectedResult).reason)).toBe(
      "REVIEW_ALREADY_SUBMITTED",
    );
    expect(await app.prisma.review.count({ where: { bookingId } })).toBe(1);
    expect((await expectAggregateConsistent(mentor.id)).ratingCount).toBe(1);
  });

  it("the 14-day window: open on day 13, closed after day 14", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Late Mentee");
    const open = await pastSession(app, mentor, [{ id: mentee.id, minutes: 55 }], {
      endedAgoMs: 13 * DAY,
    });
    const closed = await pastSession(app, mentor, [{ id: mentee.id, minutes: 55 }], {
      endedAgoMs: 14 * DAY + 60_000,
    });
    const late = await mentee.caller.reviews.forBooking({ bookingId: closed.bookings[0]!.id });
    expect(late).toMatchObject({ canReview: false, reason: "REVIEW_WINDOW_CLOSED" });
    expect(
      await codeOf(mentee.caller.reviews.submit({ bookingId: closed.bookings[0]!.id, rating: 5 })),
    ).toBe("REVIEW_WINDOW_CLOSED");
    const onTime = await mentee.caller.reviews.forBooking({ bookingId: open.bookings[0]!.id });
    expect(onTime.canReview).toBe(true);
    expect(onTime.closesAt?.getTime()).toBe(open.session.endsAt.getTime() + 14 * DAY);
    await mentee.caller.reviews.submit({ bookingId: open.bookings[0]!.id, rating: 5 });
  });

  it("only who attended: no-shows, absent group members, sessions not over yet are refused", async () => {
    const mentor = await listedMentor(app);
    const present = await person(app, "Present Mentee");
    const absent = await person(app, "Absent Mentee");
    const brief = await person(app, "Brief Mentee");
    const group = await pastSession(
      app,
      mentor,
      [
        { id: present.id, minutes: 45 },
        { id: absent.id, minutes: 0 },
        // Under VIDEO_MIN_ATTENDANCE_MINUTES (5): not present.
        { id: brief.id, minutes: 3 },
      ],
      { endedAgoMs: DAY },
    );
    const [presentBooking, absentBooking, briefBooking] = group.bookings;
    expect(
      await codeOf(absent.caller.reviews.submit({ bookingId: absentBooking!.id, rating: 1 })),
    ).toBe("REVIEW_NOT_ATTENDED");
    expect(
      await codeOf(brief.caller.reviews.submit({ bookingId: briefBooking!.id, rating: 1 })),
    ).toBe("REVIEW_NOT_ATTENDED");
    await present.caller.reviews.submit({ bookingId: presentBooking!.id, rating: 5 });

    const noShow = await pastSession(app, mentor, [{ id: absent.id, minutes: 0 }], {
      endedAgoMs: DAY,
      verdict: "MENTEE_NO_SHOW",
    });
    expect(
      await codeOf(absent.caller.reviews.submit({ bookingId: noShow.bookings[0]!.id, rating: 2 })),
    ).toBe("REVIEW_NOT_ATTENDED");
    // A mentor who did not come: the participant was there, but no session took place.
    const mentorAway = await pastSession(app, mentor, [{ id: present.id, minutes: 30 }], {
      endedAgoMs: DAY,
      verdict: "MENTOR_NO_SHOW",
    });
    expect(
      await codeOf(
        present.caller.reviews.submit({ bookingId: mentorAway.bookings[0]!.id, rating: 1 }),
      ),
    ).toBe("REVIEW_NOT_ATTENDED");

    const ahead = await pastSession(app, mentor, [{ id: present.id, minutes: 0 }], {
      endedAgoMs: 60_000,
      verdict: null,
      completed: false,
    });
    expect(
      await codeOf(present.caller.reviews.submit({ bookingId: ahead.bookings[0]!.id, rating: 5 })),
    ).toBe("REVIEW_NOT_OPEN_YET");
    expect((await expectAggregateConsistent(mentor.id)).ratingCount).toBe(1);
  });

  it("the mentor cannot rate their own session; anyone else gets NOT_FOUND", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Own Mentee");
    const stranger = await person(app, "Stranger");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 40 }], {
      endedAgoMs: DAY,
    });
    const bookingId = bookings[0]!.id;
    expect(await codeOf(mentor.caller.reviews.submit({ bookingId, rating: 5 }))).toBe(
      "REVIEW_NOT_PARTICIPANT",
    );
    expect(await codeOf(stranger.caller.reviews.submit({ bookingId, rating: 5 }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(stranger.caller.reviews.forBooking({ bookingId }))).toBe("NOT_FOUND");
    expect(
      await codeOf(stranger.caller.reviews.submit({ bookingId: "no-such-booking", rating: 5 })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(mentee.caller.reviews.submit({ bookingId, rating: 6 }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(mentee.caller.reviews.submit({ bookingId, rating: 5, text: "x".repeat(2001) })),
    ).toBe("BAD_REQUEST");
    expect(await app.prisma.review.count({ where: { bookingId } })).toBe(0);
  });
});

describe("moderation", () => {
  it("a blocked text is refused with REVIEW_REJECTED and nothing is stored or counted", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Blocked Mentee");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 40 }], {
      endedAgoMs: DAY,
    });
    const bookingId = bookings[0]!.id;
    expect(
      await codeOf(mentee.caller.reviews.submit({ bookingId, rating: 1, text: "Pay me [block]" })),
    ).toBe("REVIEW_REJECTED");
    expect(await app.prisma.review.count({ where: { bookingId } })).toBe(0);
    expect((await expectAggregateConsistent(mentor.id)).ratingCount).toBe(0);
    // The mentee may rephrase.
    await mentee.caller.reviews.submit({ bookingId, rating: 3, text: "Fine session." });
  });

  it("a text to review is published, flagged for the admins, who may keep it", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Flagged Mentee");
    const admin = await person(app, "Admin Reviews", "ADMIN");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 40 }], {
      endedAgoMs: DAY,
    });
    const created = await mentee.caller.reviews.submit({
      bookingId: bookings[0]!.id,
      rating: 2,
      text: "Contact me outside [review]",
    });
    expect(created.flagged).toBe(true);
    const page = await mentee.caller.reviews.forMentor({ mentorId: mentor.id });
    expect(page.items.map((item) => item.id)).toEqual([created.id]);

    await runEventDeliveries(app);
    const alerts = await notificationsOf(admin.id, "ADMIN_MODERATION");
    expect(alerts.some((row) => row.subjectId === created.id)).toBe(true);

    const queue = await admin.caller.admin.reviews.list({ filter: "flagged" });
    const row = queue.items.find((item) => item.id === created.id);
    expect(row?.flagReason).toContain("solicitation");
    await admin.caller.admin.reviews.keep({ reviewId: created.id });
    const after = await admin.caller.admin.reviews.list({ filter: "flagged" });
    expect(after.items.some((item) => item.id === created.id)).toBe(false);
    expect(await codeOf(admin.caller.admin.reviews.keep({ reviewId: created.id }))).toBe(
      "REVIEW_STATUS_CONFLICT",
    );
  });
});

describe("the mentor's answer", () => {
  it("answered once, by the reviewed mentor only; the reviewer is told", async () => {
    const mentor = await listedMentor(app);
    const other = await listedMentor(app, "Other Mentor");
    const mentee = await person(app, "Answered Mentee");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 40 }], {
      endedAgoMs: DAY,
    });
    const bookingId = bookings[0]!.id;
    const review = await mentee.caller.reviews.submit({ bookingId, rating: 5, text: "Great." });

    expect((await mentor.caller.reviews.forBooking({ bookingId })).canAnswer).toBe(true);
    expect(
      await codeOf(other.caller.reviews.answer({ reviewId: review.id, answer: "Thanks!" })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(mentee.caller.reviews.answer({ reviewId: review.id, answer: "Me too" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(mentor.caller.reviews.answer({ reviewId: review.id, answer: "Hi [block]" })),
    ).toBe("REVIEW_REJECTED");

    const answered = await mentor.caller.reviews.answer({
      reviewId: review.id,
      answer: "Thank you, Ada!",
    });
    expect(answered.answer).toBe("Thank you, Ada!");
    expect(
      await codeOf(mentor.caller.reviews.answer({ reviewId: review.id, answer: "Again" })),
    ).toBe("REVIEW_ALREADY_ANSWERED");
    const seen = await mentee.caller.reviews.forBooking({ bookingId });
    expect(seen.review?.answer).toBe("Thank you, Ada!");
    expect(seen.canAnswer).toBe(false);
    const page = await mentee.caller.reviews.forMentor({ mentorId: mentor.id });
    expect(page.items[0]?.answer).toBe("Thank you, Ada!");

    await runEventDeliveries(app);
    const told = await notificationsOf(mentee.id, "REVIEW_ANSWERED");
    expect(told).toHaveLength(1);
    expect(told[0]?.data).toMatchObject({ path: `/bookings/${bookingId}` });
  });
});

describe("admins hide and unhide", () => {
  it("hiding takes the review off the page and the aggregate, audit-logged; unhiding restores", async () => {
    const mentor = await listedMentor(app);
    const admin = await person(app, "Admin Hider", "ADMIN");
    const one = await person(app, "First Mentee");
    const two = await person(app, "Second Mentee");
    const { bookings } = await pastSession(
      app,
      mentor,
      [
        { id: one.id, minutes: 50 },
        { id: two.id, minutes: 50 },
      ],
      { endedAgoMs: DAY },
    );
    const low = await one.caller.reviews.submit({ bookingId: bookings[0]!.id, rating: 1 });
    await two.caller.reviews.submit({ bookingId: bookings[1]!.id, rating: 5 });
    let page = await one.caller.reviews.forMentor({ mentorId: mentor.id });
    expect(page).toMatchObject({ count: 2, average: 3 });

    expect(await codeOf(admin.caller.admin.reviews.hide({ reviewId: low.id, reason: " " }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(mentor.caller.admin.reviews.hide({ reviewId: low.id, reason: "x" }))).toBe(
      "FORBIDDEN",
    );
    await admin.caller.admin.reviews.hide({ reviewId: low.id, reason: "Off-topic insult" });
    page = await one.caller.reviews.forMentor({ mentorId: mentor.id });
    expect(page).toMatchObject({ count: 1, average: 5 });
    expect(page.items.some((item) => item.id === low.id)).toBe(false);
    expect(await expectAggregateConsistent(mentor.id)).toEqual({ ratingCount: 1, ratingSum: 5 });
    // Its author still sees it on the booking, marked hidden.
    expect(
      (await one.caller.reviews.forBooking({ bookingId: bookings[0]!.id })).review,
    ).toMatchObject({ id: low.id, hidden: true });
    const audit = await app.prisma.auditLog.findFirst({
      where: { action: "review.hide", targetId: low.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, userAgent: "reviews-test" });
    expect(audit?.details).toMatchObject({ reason: "Off-topic insult", rating: 1 });
    expect(
      await codeOf(admin.caller.admin.reviews.hide({ reviewId: low.id, reason: "twice" })),
    ).toBe("REVIEW_STATUS_CONFLICT");
    const hiddenList = await admin.caller.admin.reviews.list({ filter: "hidden" });
    expect(hiddenList.items.find((item) => item.id === low.id)?.hiddenReason).toBe(
      "Off-topic insult",
    );

    await admin.caller.admin.reviews.unhide({ reviewId: low.id });
    page = await one.caller.reviews.forMentor({ mentorId: mentor.id });
    expect(page).toMatchObject({ count: 2, average: 3 });
    expect(await expectAggregateConsistent(mentor.id)).toEqual({ ratingCount: 2, ratingSum: 6 });
    expect(
      await app.prisma.auditLog.count({ where: { action: "review.unhide", targetId: low.id } }),
    ).toBe(1);
    expect(await codeOf(admin.caller.admin.reviews.unhide({ reviewId: low.id }))).toBe(
      "REVIEW_STATUS_CONFLICT",
    );
  });

  it("the mentor's page pages through reviews newest first; unknown mentors are NOT_FOUND", async () => {
    const mentor = await listedMentor(app);
    const mentees = await Promise.all([1, 2, 3].map((n) => person(app, `Pager ${n}`)));
    const { bookings } = await pastSession(
      app,
      mentor,
      mentees.map((mentee) => ({ id: mentee.id, minutes: 30 })),
      { endedAgoMs: DAY },
    );
    for (const [index, mentee] of mentees.entries()) {
      await mentee.caller.reviews.submit({ bookingId: bookings[index]!.id, rating: index + 3 });
    }
    const visitor = mentees[0]!.caller;
    const first = await visitor.reviews.forMentor({ mentorId: mentor.id, limit: 2 });
    expect(first.items.map((item) => item.rating)).toEqual([5, 4]);
    expect(first.nextCursor).not.toBeNull();
    const second = await visitor.reviews.forMentor({
      mentorId: mentor.id,
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((item) => item.rating)).toEqual([3]);
    expect(second.nextCursor).toBeNull();
    expect(first).toMatchObject({ count: 3, average: 4 });
    expect(await codeOf(visitor.reviews.forMentor({ mentorId: mentees[1]!.id }))).toBe("NOT_FOUND");
  });
});

describe("the reminder", () => {
  it("planned with the attendance, a day after the end; reminds who attended and did not rate", async () => {
    const mentor = await listedMentor(app);
    const rated = await person(app, "Rated Mentee");
    const silent = await person(app, "Silent Mentee");
    const away = await person(app, "Away Mentee");
    const { session, bookings } = await pastSession(
      app,
      mentor,
      [
        { id: rated.id, minutes: 50 },
        { id: silent.id, minutes: 50 },
        { id: away.id, minutes: 0 },
      ],
      { endedAgoMs: DAY + 60_000 },
    );
    await app.prisma.$transaction((tx) =>
      recordEvent(app, tx, attendanceRecorded.of({ sessionId: session.id, verdict: "ATTENDED" })),
    );
    const planned = await app.prisma.$queryRaw<
      { start_after: Date; data: { sessionId: string } }[]
    >`
      SELECT start_after, data FROM pgboss.job WHERE name = 'review.remind'
      AND data->>'sessionId' = ${session.id}`;
    expect(planned).toHaveLength(1);
    expect(planned[0]?.start_after.getTime()).toBe(
      session.endsAt.getTime() + reviewReminderDelayMs,
    );

    await rated.caller.reviews.submit({ bookingId: bookings[0]!.id, rating: 4 });
    await reviewReminderJob.run({ sessionId: session.id }, app, { jobId: "remind-1" });
    // A retried job reminds nobody twice.
    await reviewReminderJob.run({ sessionId: session.id }, app, { jobId: "remind-2" });
    await runEventDeliveries(app);
    expect(await notificationsOf(silent.id, "REVIEW_REMINDER")).toHaveLength(1);
    expect((await notificationsOf(silent.id, "REVIEW_REMINDER"))[0]?.data).toMatchObject({
      path: `/bookings/${bookings[1]!.id}#review`,
    });
    expect(await notificationsOf(rated.id, "REVIEW_REMINDER")).toHaveLength(0);
    expect(await notificationsOf(away.id, "REVIEW_REMINDER")).toHaveLength(0);
  });

  it("jobs in flight together remind only who may review: not once the window closed, without an ATTENDED verdict, or before completion", async () => {
    const mentor = await listedMentor(app);
    const due = await person(app, "Due Mentee");
    const late = await person(app, "Late Mentee");
    const noShow = await person(app, "No-show Mentor's Mentee");
    const ahead = await person(app, "Undecided Mentee");
    const sessions = [
      await pastSession(app, mentor, [{ id: late.id, minutes: 50 }], {
        endedAgoMs: 15 * DAY,
      }),
      await pastSession(app, mentor, [{ id: noShow.id, minutes: 50 }], {
        endedAgoMs: DAY,
        verdict: "MENTOR_NO_SHOW",
      }),
      await pastSession(app, mentor, [{ id: ahead.id, minutes: 50 }], {
        endedAgoMs: DAY,
        completed: false,
      }),
    ];
    const open = await pastSession(app, mentor, [{ id: due.id, minutes: 50 }], {
      endedAgoMs: DAY,
    });
    // All four in the same turn, as a fetched batch runs them: checked and recorded together.
    await Promise.all(
      [...sessions, open].map(({ session }) =>
        reviewReminderJob.run({ sessionId: session.id }, app, { jobId: `batch-${session.id}` }),
      ),
    );
    await runEventDeliveries(app);
    expect(await notificationsOf(due.id, "REVIEW_REMINDER")).toHaveLength(1);
    for (const mentee of [late, noShow, ahead]) {
      expect(await notificationsOf(mentee.id, "REVIEW_REMINDER")).toHaveLength(0);
    }
    // Each is what the booking page says too (the same rule).
    const reasons = await Promise.all(
      sessions.map(({ bookings }, n) =>
        reviewEligibility(app, app.prisma, {
          bookingId: bookings[0]!.id,
          viewerId: [late, noShow, ahead][n]!.id,
        }),
      ),
    );
    expect(reasons).toEqual([
      { canReview: false, reason: "REVIEW_WINDOW_CLOSED" },
      { canReview: false, reason: "REVIEW_NOT_ATTENDED" },
      { canReview: false, reason: "REVIEW_NOT_OPEN_YET" },
    ]);
  });
});

describe("a mentor's reviews page", () => {
  it("answers only for a listed mentor (anyone else NOT_FOUND), also with no review yet", async () => {
    const visitor = await person(app, "Curious Visitor");
    const mentee = await person(app, "Plain Mentee");
    for (const mentorId of [mentee.id, "no-such-user"]) {
      expect(await codeOf(visitor.caller.reviews.forMentor({ mentorId }))).toBe("NOT_FOUND");
    }
    const mentor = await listedMentor(app, "Listed Without Reviews");
    expect(await visitor.caller.reviews.forMentor({ mentorId: mentor.id })).toEqual({
      count: 0,
      average: null,
      distribution: [5, 4, 3, 2, 1].map((stars) => ({ stars, count: 0 })),
      items: [],
      nextCursor: null,
    });
  });
});

describe("people's data", () => {
  it("the export holds a person's reviews and answers; deletion erases the texts, keeps the ratings", async () => {
    const mentor = await listedMentor(app);
    const mentee = await person(app, "Erased Mentee");
    const { bookings } = await pastSession(app, mentor, [{ id: mentee.id, minutes: 40 }], {
      endedAgoMs: DAY,
    });
    const review = await mentee.caller.reviews.submit({
      bookingId: bookings[0]!.id,
      rating: 4,
      text: "Personal words.",
    });
    await mentor.caller.reviews.answer({ reviewId: review.id, answer: "Thanks a lot." });
    expect((await reviewsWrittenBy(app.prisma, mentee.id)).written).toMatchObject([
      { id: review.id, rating: 4, text: "Personal words." },
    ]);
    expect((await reviewsWrittenBy(app.prisma, mentor.id)).answersAsMentor).toMatchObject([
      { id: review.id, answer: "Thanks a lot." },
    ]);

    await app.prisma.$transaction((tx) => eraseReviewsOf(tx, mentee.id));
    await app.prisma.user.update({ where: { id: mentee.id }, data: { deletedAt: new Date() } });
    const page = await mentor.caller.reviews.forMentor({ mentorId: mentor.id });
    expect(page.items[0]).toMatchObject({ rating: 4, text: null, authorName: null });
    expect(page).toMatchObject({ count: 1, average: 4 });
    await app.prisma.$transaction((tx) => eraseReviewsOf(tx, mentor.id));
    expect(
      (await app.prisma.review.findUniqueOrThrow({ where: { id: review.id } })).answer,
    ).toBeNull();
  });
});

import { createHash } from "node:crypto";
import { signLocalStatusCallback } from "@mentora/video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventDeliverJob, releaseEarningsJob } from "../app/job-handlers.ts";
import { completeEndedSessions, releaseBookingEarnings } from "../earnings/index.ts";

import { accounts, balanceOf } from "../ledger/index.ts";
import { handlePaymentReturn, startBookingPayment } from "../payments/index.ts";
import {
  createPaymentsRig,
  drainJobs,
  ledgerIsBalanced,
  walletOf,
} from "../payments/testing/payments-rig.ts";
import { processVideoCallback } from "./callbacks/process-callback.job.ts";
import { receiveVideoCallback } from "./callbacks/receive-callback.ts";
import { closeRoomJob } from "./close-room.job.ts";
import { localVideoSecret } from "./create-video-provider.ts";
import { openRoom, statusCallbackUrl } from "./rooms.ts";

let rig: Awaited<ReturnType<typeof createPaymentsRig>>;
beforeAll(async () => {
  // Refunds to the wallet, so the test sees the money come back without a gateway round trip.
  rig = await createPaymentsRig({ REFUND_DESTINATION: "wallet" });
});
afterAll(() => rig?.app.close());

const HOUR = 3_600_000;

/** A paid, confirmed one-to-one session, moved to have ended an hour ago. */
async function paidSessionThatHasEnded(daysAgo: number) {
  const { app } = rig;
  const { mentee, booking } = await rig.menteeWithHold();
  const started = await startBookingPayment(app, { bookingId: booking.id, userId: mentee.id });
  const back = await rig.payerChooses(started.redirectUrl, "pay");
  const secret = new URL(back ?? "", "http://x").searchParams.get("secret") ?? "";
  expect(await handlePaymentReturn(app, { paymentId: started.paymentId, secret })).toBe("settled");
  const startsAt = new Date(Date.now() - daysAgo * 24 * HOUR - 2 * HOUR);
  const session = await app.prisma.mentoringSession.update({
    where: { id: booking.sessionId },
    data: {
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      blockedUntil: new Date(startsAt.getTime() + HOUR),
    },
  });
  await openRoom(app, session.id);
  return { mentee, booking, session, paymentId: started.paymentId };
}

async function attend(sessionId: string, userId: string, minutes: number) {
  const { app } = rig;
  const room = await app.prisma.videoRoom.findUniqueOrThrow({ where: { sessionId } });
  const session = await app.prisma.mentoringSession.findUniqueOrThrow({ where: { id: sessionId } });
  // One connection per person and session, as Twilio's participant sids are.
  const participantSid = `PA${createHash("sha256").update(`${sessionId}:${userId}`).digest("hex").slice(0, 32)}`;
  const left = new Date(session.startsAt.getTime() + (minutes + 1) * 60_000);
  const events: Record<string, string>[] = [
    {
      StatusCallbackEvent: "participant-connected",
      Timestamp: new Date(session.startsAt.getTime() + 60_000).toISOString(),
      SequenceNumber: "1",
    },
    {
      StatusCallbackEvent: "participant-disconnected",
      Timestamp: left.toISOString(),
      SequenceNumber: "2",
      ParticipantDuration: String(minutes * 60),
    },
  ];
  for (const params of events) {
    const full: Record<string, string> = {
      RoomSid: room.roomSid,
      RoomName: room.uniqueName,
      ParticipantSid: participantSid,
      ParticipantIdentity: userId,
      ...params,
    };
    const url = statusCallbackUrl(app);
    const answer = await receiveVideoCallback(
      app,
      new Request(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signLocalStatusCallback(localVideoSecret(app.config), url, full),
        },
        body: new URLSearchParams(full).toString(),
      }),
      null,
    );
    expect(answer.status).toBe(200);
  }
  for (const row of await app.prisma.videoCallbackEvent.findMany({
    where: { status: { not: "PROCESSED" } },
  })) {
    await processVideoCallback(app, row.id);
  }
}

/** The close-room job, then the event deliveries it caused (a no-show refund), as the worker runs them. */
const close = async (session: { id: string; endsAt: Date }) => {
  await closeRoomJob.handle(
    { sessionId: session.id, endsAt: session.endsAt.toISOString() },
    rig.app,
    { jobId: "close" },
  );
  await drainJobs(rig.app, [eventDeliverJob]);
};

const reasonOf = async (sessionId: string) =>
  (await rig.app.prisma.sessionCompletion.findUnique({ where: { sessionId } }))?.reason;

describe("attendance and money", () => {
  it("a mentor no-show refunds the mentee in full, once", async () => {
    const { app } = rig;
    const mentorId = rig.fixture.mentor.id;
    const { mentee, session, paymentId } = await paidSessionThatHasEnded(1);
    await attend(session.id, mentee.id, 40);
    const pendingBefore = await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"));

    await close(session);
    await close(session);

    const room = await app.prisma.videoRoom.findUniqueOrThrow({ where: { sessionId: session.id } });
    expect(room.verdict).toBe("MENTOR_NO_SHOW");
    const refunds = await app.prisma.refund.findMany({ where: { paymentId } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amountMinor: 5_000, destination: "WALLET" });
    expect(refunds[0]?.cause).toMatch(/^mentor-no-show:/);
    expect((await walletOf(app, mentee.id)).available).toBe(5_000);
    // The mentor's share of it (5000 less the 15% fee) left their pending earnings.
    expect(await balanceOf(app.prisma, accounts.mentorPending(mentorId, "EUR"))).toBe(
      pendingBefore - 4_250,
    );
    // The session is completed with its verdict, and its release gives the mentor nothing.
    const completed = await app.prisma.mentoringSession.findUniqueOrThrow({
      where: { id: session.id },
    });
    expect(completed.status).toBe("COMPLETED");
    expect(await reasonOf(session.id)).toBe("attendance:MENTOR_NO_SHOW");
    const [booking] = await app.prisma.booking.findMany({ where: { sessionId: session.id } });
    expect(await releaseBookingEarnings(app, booking?.id ?? "")).toEqual({ releasedMinor: 0 });
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("attendance completes the session and releases the mentor's share after the hold", async () => {
    const { app } = rig;
    const mentorId = rig.fixture.mentor.id;
    const { mentee, session, booking } = await paidSessionThatHasEnded(0);
    await attend(session.id, mentorId, 55);
    await attend(session.id, mentee.id, 50);
    // The ended-sessions sweep leaves it to the room's close job, which knows who attended.
    expect(await completeEndedSessions(app)).toMatchObject({ completed: 0 });
    expect(
      (await app.prisma.mentoringSession.findUniqueOrThrow({ where: { id: session.id } })).status,
    ).toBe("SCHEDULED");

    await close(session);
    expect(await reasonOf(session.id)).toBe("attendance:ATTENDED");
    const [release] = await app.boss.findJobs(releaseEarningsJob.name, {
      data: { bookingId: booking.id },
    });
    const holdMs = app.config.payouts.earningsHoldHours * 3_600_000;
    expect(Math.abs((release?.startAfter.getTime() ?? 0) - Date.now() - holdMs)).toBeLessThan(
      60_000,
    );
    const availableBefore = await balanceOf(app.prisma, accounts.mentorAvailable(mentorId, "EUR"));
    expect(await releaseBookingEarnings(app, booking.id)).toEqual({ releasedMinor: 4_250 });
    expect(await balanceOf(app.prisma, accounts.mentorAvailable(mentorId, "EUR"))).toBe(
      availableBefore + 4_250,
    );
    expect(await ledgerIsBalanced(app)).toBe(true);
  });

  it("a room whose close never came is completed by the sweep once the wait is over", async () => {
    const { session } = await paidSessionThatHasEnded(5);
    await completeEndedSessions(rig.app);
    expect(await reasonOf(session.id)).toBe("ended");
  });

  it("a mentee no-show, or both present, refunds nothing", async () => {
    const { app } = rig;
    const absent = await paidSessionThatHasEnded(2);
    await attend(absent.session.id, rig.fixture.mentor.id, 50);
    await close(absent.session);
    const both = await paidSessionThatHasEnded(3);
    await attend(both.session.id, rig.fixture.mentor.id, 50);
    await attend(both.session.id, both.mentee.id, 45);
    await close(both.session);

    const verdicts = await app.prisma.videoRoom.findMany({
      where: { sessionId: { in: [absent.session.id, both.session.id] } },
      select: { sessionId: true, verdict: true },
    });
    expect(new Map(verdicts.map((v) => [v.sessionId, v.verdict]))).toEqual(
      new Map([
        [absent.session.id, "MENTEE_NO_SHOW"],
        [both.session.id, "ATTENDED"],
      ]),
    );
    expect(
      await app.prisma.refund.count({
        where: { paymentId: { in: [absent.paymentId, both.paymentId] } },
      }),
    ).toBe(0);
  });
});

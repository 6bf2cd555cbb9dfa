import { signLocalStatusCallback } from "@mentora/video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingConfirmed } from "../bookings/index.ts";
import { errorCodeOf } from "../errors/index.ts";
import { recordEvent } from "../events/index.ts";
import { callerFor } from "../testing/index.ts";
import { processVideoCallback } from "./callbacks/process-callback.job.ts";
import { closeRoomJob } from "./close-room.job.ts";
import { localVideoSecret } from "./create-video-provider.ts";
import { openRoomJob } from "./open-room.job.ts";
import { attendanceOf, closeRoom, openRoom, statusCallbackUrl, verdictOf } from "./rooms.ts";
import { createVideoRig, tokenClaims } from "./video-rig.ts";

let rig: Awaited<ReturnType<typeof createVideoRig>>;
let mentee: { cookie: string; userId: string };
let onHold: { cookie: string; userId: string };
let cancelled: { cookie: string; userId: string };
let stranger: { cookie: string; userId: string };

beforeAll(async () => {
  rig = await createVideoRig();
  [mentee, onHold, cancelled, stranger] = await Promise.all([
    rig.person("Jeanne Mentee"),
    rig.person("Hold Mentee"),
    rig.person("Cancelled Mentee"),
    rig.person("Stranger"),
  ]);
});
afterAll(() => rig?.app.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? (error as { code?: string }).code ?? String(error);
  }
}

/** Every callback stored and not yet processed, processed as the worker would. */
async function processStored() {
  const rows = await rig.app.prisma.videoCallbackEvent.findMany({
    where: { status: { not: "PROCESSED" } },
    orderBy: { receivedAt: "asc" },
  });
  for (const row of rows) await processVideoCallback(rig.app, row.id);
}

/** A callback signed as the local provider signs (Twilio's algorithm, the local secret). */
function localCallback(params: Record<string, string>) {
  const signature = signLocalStatusCallback(
    localVideoSecret(rig.app.config),
    statusCallbackUrl(rig.app),
    params,
  );
  return rig.deliver(params, signature);
}

describe("access tokens", () => {
  it("are given to the mentor and confirmed participants only, within the session's window", async () => {
    const soon = await rig.session({
      startsInMinutes: 5,
      mentorId: rig.mentor.userId,
      bookings: [
        { userId: mentee.userId },
        { userId: onHold.userId, status: "PENDING_PAYMENT" },
        { userId: cancelled.userId, status: "CANCELLED" },
      ],
      kind: "GROUP",
    });
    const later = await rig.session({
      startsInMinutes: 60 * 24,
      bookings: [{ userId: mentee.userId }],
    });
    const over = await rig.session({ startsInMinutes: -61, bookings: [{ userId: mentee.userId }] });
    const join = async (who: { cookie: string } | null, sessionId: string) =>
      codeOf(
        (await callerFor(rig.app, who ? { cookie: who.cookie } : {})).video.join({ sessionId }),
      );

    const table: [string, { cookie: string } | null, string, string][] = [
      ["mentor", rig.mentor, soon.id, "OK"],
      ["confirmed participant", mentee, soon.id, "OK"],
      ["participant still on hold (unpaid)", onHold, soon.id, "FORBIDDEN"],
      ["cancelled participant", cancelled, soon.id, "FORBIDDEN"],
      ["another user", stranger, soon.id, "FORBIDDEN"],
      ["a session that does not exist", mentee, "no-such-session", "FORBIDDEN"],
      ["anonymous", null, soon.id, "UNAUTHORIZED"],
      ["too early", mentee, later.id, "VIDEO_NOT_OPEN_YET"],
      ["after the end", mentee, over.id, "VIDEO_SESSION_ENDED"],
    ];
    for (const [who, person, sessionId, expected] of table) {
      expect({ who, code: await join(person, sessionId) }).toEqual({ who, code: expected });
    }
    // The call page's details follow the same rule.
    const info = (who: { cookie: string }, sessionId: string) =>
      callerFor(rig.app, { cookie: who.cookie }).then((c) => c.video.details({ sessionId }));
    expect(await codeOf(info(stranger, soon.id))).toBe("FORBIDDEN");
    expect(await codeOf(info(onHold, soon.id))).toBe("FORBIDDEN");
    const details = await info(mentee, later.id);
    expect(details).toMatchObject({ role: "PARTICIPANT", provider: "local" });
    expect(details.opensAt.getTime()).toBe(later.startsAt.getTime() - 10 * 60_000);
  });

  it("grant the session's room to the caller and end with the session", async () => {
    const soon = await rig.session({ startsInMinutes: 3, bookings: [{ userId: mentee.userId }] });
    const caller = await callerFor(rig.app, { cookie: mentee.cookie });
    const joined = await caller.video.join({ sessionId: soon.id });
    const claims = tokenClaims(joined.token);
    expect(claims.grants.identity).toBe(mentee.userId);
    expect(claims.grants.video?.room).toBe(`booking-session:${soon.id}`);
    expect(joined.roomName).toBe(`booking-session:${soon.id}`);
    // The token ends when the session does (to the second, rounded up).
    expect(Math.abs(claims.exp * 1000 - soon.endsAt.getTime())).toBeLessThan(2_000);
    expect(joined.expiresAt.getTime()).toBe(claims.exp * 1000);
    // Joining opened the room: one row, one provider room.
    const rooms = await rig.app.prisma.videoRoom.findMany({ where: { sessionId: soon.id } });
    expect(rooms).toHaveLength(1);
    expect(rooms[0]).toMatchObject({ type: "go", maxParticipants: 2, state: "OPEN" });
  });
});

describe("the local stand-in's presence", () => {
  it("records a join and a leave only for the holder of the token", async () => {
    const soon = await rig.session({ startsInMinutes: 4, bookings: [{ userId: mentee.userId }] });
    const asMentee = await callerFor(rig.app, { cookie: mentee.cookie });
    const asStranger = await callerFor(rig.app, { cookie: stranger.cookie });
    const { token } = await asMentee.video.join({ sessionId: soon.id });

    // Someone else's token, a forged one, a malformed sid: refused, nothing recorded.
    expect(await codeOf(asStranger.video.localPresence({ token, action: "connect" }))).toBe(
      "FORBIDDEN",
    );
    const forged = `${token.slice(0, -4)}AAAA`;
    expect(await codeOf(asMentee.video.localPresence({ token: forged, action: "connect" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(
        asMentee.video.localPresence({ token, action: "disconnect", participantSid: "PA-nope" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await rig.app.prisma.videoConnection.count({ where: { sessionId: soon.id } })).toBe(0);

    const { participantSid } = await asMentee.video.localPresence({ token, action: "connect" });
    expect(
      (await asMentee.video.presence({ sessionId: soon.id })).connected.map((p) => p.id),
    ).toEqual([mentee.userId]);
    // A sid that is not the caller's reads as not found.
    expect(
      await codeOf(
        asMentee.video.localPresence({
          token,
          action: "disconnect",
          participantSid: `PA${"f".repeat(32)}`,
        }),
      ),
    ).toBe("NOT_FOUND");
    await asMentee.video.localPresence({ token, action: "disconnect", participantSid });
    expect((await asMentee.video.presence({ sessionId: soon.id })).connected).toEqual([]);
    const [connection] = await rig.app.prisma.videoConnection.findMany({
      where: { sessionId: soon.id },
    });
    expect(connection).toMatchObject({ userId: mentee.userId, participantSid });
    expect(connection?.disconnectedAt).not.toBeNull();
  });
});

describe("rooms", () => {
  it("opens once however often the job runs, sized by session type, and a moved session's old job does nothing", async () => {
    const group = await rig.session({
      startsInMinutes: 8,
      kind: "GROUP",
      bookings: [{ userId: mentee.userId }],
    });
    const data = { sessionId: group.id, startsAt: group.startsAt.toISOString() };
    await Promise.all([
      openRoomJob.handle(data, rig.app, { jobId: "a" }),
      openRoomJob.handle(data, rig.app, { jobId: "b" }),
      openRoomJob.handle(data, rig.app, { jobId: "c" }),
    ]);
    const local = await rig.app.prisma.localVideoRoom.findMany({
      where: { uniqueName: `booking-session:${group.id}` },
    });
    expect(local).toHaveLength(1);
    const room = await rig.app.prisma.videoRoom.findUniqueOrThrow({
      where: { sessionId: group.id },
    });
    expect(room).toMatchObject({ type: "group", maxParticipants: 4, roomSid: local[0]?.sid });

    const moved = await rig.session({ startsInMinutes: 9, bookings: [{ userId: mentee.userId }] });
    await openRoomJob.handle(
      {
        sessionId: moved.id,
        startsAt: new Date(moved.startsAt.getTime() - 3_600_000).toISOString(),
      },
      rig.app,
      { jobId: "stale" },
    );
    expect(await rig.app.prisma.videoRoom.count({ where: { sessionId: moved.id } })).toBe(0);
  });

  it("is planned when a booking is confirmed: open before the start, close after the end", async () => {
    const { app } = rig;
    const session = await rig.session({ startsInMinutes: 60 * 48, bookings: [] });
    const booking = await app.prisma.booking.create({
      data: {
        sessionId: session.id,
        menteeId: mentee.userId,
        status: "CONFIRMED",
        offeringTitle: "Code review",
        durationMinutes: 60,
        priceMinor: 0,
        currency: "EUR",
      },
    });
    // Through the event and the subscription list, as settlement and free holds record it.
    await app.prisma.$transaction((tx) =>
      recordEvent(
        app,
        tx,
        bookingConfirmed.of({
          bookingId: booking.id,
          sessionId: session.id,
          scheduleVersion: booking.scheduleVersion,
          startsAt: session.startsAt.toISOString(),
        }),
      ),
    );
    const [open] = await app.boss.findJobs(openRoomJob.name, { data: { sessionId: session.id } });
    const [close] = await app.boss.findJobs(closeRoomJob.name, { data: { sessionId: session.id } });
    expect(open?.startAfter.getTime()).toBe(session.startsAt.getTime() - 10 * 60_000);
    expect(close?.startAfter.getTime()).toBe(session.endsAt.getTime() + 10 * 60_000);
  });
});

describe("status callbacks and attendance", () => {
  it("refuses a forged or tampered callback with 403 and stores nothing", async () => {
    const params = {
      RoomSid: `RM${"1".repeat(32)}`,
      RoomName: "booking-session:x",
      StatusCallbackEvent: "participant-connected",
      ParticipantSid: `PA${"1".repeat(32)}`,
      ParticipantIdentity: stranger.userId,
      Timestamp: new Date().toISOString(),
      SequenceNumber: "1",
    };
    const good = signLocalStatusCallback(
      localVideoSecret(rig.app.config),
      statusCallbackUrl(rig.app),
      params,
    );
    const before = await rig.app.prisma.videoCallbackEvent.count();
    expect((await rig.deliver(params, "forged-signature")).status).toBe(403);
    expect(
      (await rig.deliver({ ...params, ParticipantIdentity: mentee.userId }, good)).status,
    ).toBe(403);
    expect((await rig.deliver(params, good, "?extra=1")).status).toBe(403);
    expect(await rig.app.prisma.videoCallbackEvent.count()).toBe(before);
    // The same callback, genuinely signed: stored once however often it comes.
    expect((await rig.deliver(params, good)).body).toMatchObject({ stored: true });
    expect((await rig.deliver(params, good)).body).toMatchObject({
      stored: false,
      duplicate: true,
    });
    expect(await rig.app.prisma.videoCallbackEvent.count()).toBe(before + 1);
  });

  it("records connections whatever the order, and decides attendance at the close", async () => {
    const { app } = rig;
    const session = await rig.session({
      startsInMinutes: -70,
      bookings: [{ userId: mentee.userId }],
    });
    const room = await app.prisma.videoRoom.create({
      data: {
        sessionId: session.id,
        provider: "local",
        roomSid: `RM${"2".repeat(32)}`,
        uniqueName: `booking-session:${session.id}`,
        type: "go",
        maxParticipants: 2,
      },
    });
    const base = { RoomSid: room.roomSid, RoomName: room.uniqueName };
    const at = (minutes: number) => new Date(session.startsAt.getTime() + minutes * 60_000);
    const mentorSid = `PA${"a".repeat(32)}`;
    const menteeSid = `PA${"b".repeat(32)}`;
    const events = [
      // The mentee's disconnect arrives before their connect, and twice.
      {
        ...base,
        StatusCallbackEvent: "participant-disconnected",
        ParticipantSid: menteeSid,
        ParticipantIdentity: mentee.userId,
        ParticipantDuration: String(40 * 60),
        Timestamp: at(45).toISOString(),
        SequenceNumber: "4",
      },
      {
        ...base,
        StatusCallbackEvent: "participant-connected",
        ParticipantSid: mentorSid,
        ParticipantIdentity: session.mentorId,
        Timestamp: at(1).toISOString(),
        SequenceNumber: "1",
      },
      {
        ...base,
        StatusCallbackEvent: "participant-connected",
        ParticipantSid: menteeSid,
        ParticipantIdentity: mentee.userId,
        Timestamp: at(5).toISOString(),
        SequenceNumber: "2",
      },
      {
        ...base,
        StatusCallbackEvent: "participant-disconnected",
        ParticipantSid: mentorSid,
        ParticipantIdentity: session.mentorId,
        ParticipantDuration: String(55 * 60),
        Timestamp: at(56).toISOString(),
        SequenceNumber: "3",
      },
    ];
    for (const params of [...events, events[0] as Record<string, string>]) {
      expect((await localCallback(params)).status).toBe(200);
    }
    await processStored();
    const connections = await app.prisma.videoConnection.findMany({
      where: { sessionId: session.id },
      orderBy: { connectedAt: "asc" },
    });
    expect(connections.map((c) => [c.userId, c.durationSeconds])).toEqual([
      [session.mentorId, 55 * 60],
      [mentee.userId, 40 * 60],
    ]);
    expect(connections[1]?.connectedAt.getTime()).toBe(at(5).getTime());
    const attendance = await attendanceOf(app.prisma, session.id, new Date());
    expect(attendance).toEqual([
      { userId: session.mentorId, role: "MENTOR", seconds: 55 * 60 },
      { userId: mentee.userId, role: "PARTICIPANT", seconds: 40 * 60 },
    ]);
    expect(await closeRoom(app, session.id)).toBe("ATTENDED");
    // Idempotent: the verdict is kept.
    expect(await closeRoom(app, session.id)).toBe("ATTENDED");
    expect(
      (await app.prisma.videoRoom.findUniqueOrThrow({ where: { sessionId: session.id } })).state,
    ).toBe("COMPLETED");
  });

  it("ignores callbacks for people who are not in the session", async () => {
    const { app } = rig;
    const session = await rig.session({
      startsInMinutes: -10,
      bookings: [{ userId: mentee.userId }],
    });
    await openRoom(app, session.id);
    const room = await app.prisma.videoRoom.findUniqueOrThrow({ where: { sessionId: session.id } });
    await localCallback({
      RoomSid: room.roomSid,
      RoomName: room.uniqueName,
      StatusCallbackEvent: "participant-connected",
      ParticipantSid: `PA${"c".repeat(32)}`,
      ParticipantIdentity: stranger.userId,
      Timestamp: new Date().toISOString(),
      SequenceNumber: "1",
    });
    await processStored();
    expect(await app.prisma.videoConnection.count({ where: { sessionId: session.id } })).toBe(0);
  });
});

describe("attendance verdicts", () => {
  const min = 300;
  const mentorAt = (seconds: number) => ({ userId: "m", role: "MENTOR" as const, seconds });
  const learnerAt = (seconds: number, userId = "p") => ({
    userId,
    role: "PARTICIPANT" as const,
    seconds,
  });
  it.each([
    ["both present", "ATTENDED", [mentorAt(1_800), learnerAt(1_700)]],
    ["the mentor absent", "MENTOR_NO_SHOW", [mentorAt(0), learnerAt(1_700)]],
    ["the mentor too briefly", "MENTOR_NO_SHOW", [mentorAt(120), learnerAt(1_700)]],
    ["no learner", "MENTEE_NO_SHOW", [mentorAt(1_800), learnerAt(0)]],
    ["one learner of two", "ATTENDED", [mentorAt(1_800), learnerAt(0), learnerAt(900, "q")]],
    ["nobody", "NO_ATTENDANCE", [mentorAt(0), learnerAt(0)]],
    ["both too briefly", "NO_ATTENDANCE", [mentorAt(60), learnerAt(60)]],
  ] as const)("%s → %s", (_name, verdict, attendance) => {
    expect(verdictOf(attendance, min)).toBe(verdict);
  });
});

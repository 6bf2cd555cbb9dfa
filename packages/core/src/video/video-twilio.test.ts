import { describeWithSpecs, type FakeTwilio, startFakeTwilio } from "@mentora/video/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { callerFor } from "../testing/index.ts";
import { processVideoCallback } from "./callbacks/process-callback.job.ts";
import { closeRoom } from "./rooms.ts";
import { createVideoRig, tokenClaims } from "./video-rig.ts";

describeWithSpecs("video on Twilio (a fake validating requests against Video v1)", (specsDir) => {
  let fake: FakeTwilio;
  let rig: Awaited<ReturnType<typeof createVideoRig>>;

  beforeAll(async () => {
    fake = await startFakeTwilio({ specsDir });
    rig = await createVideoRig({
      TWILIO_ACCOUNT_SID: fake.accountSid,
      TWILIO_API_KEY_SID: fake.apiKeySid,
      TWILIO_API_KEY_SECRET: fake.apiKeySecret,
      TWILIO_AUTH_TOKEN: fake.authToken,
      TWILIO_VIDEO_BASE_URL: fake.url,
    });
  });
  afterAll(async () => {
    await rig?.app.close();
    await fake?.close();
  });

  it("creates the room at Twilio, gives Twilio tokens, and records attendance from its signed callbacks", async () => {
    const { app } = rig;
    expect(app.video.id).toBe("twilio");
    const mentee = await rig.person("Jeanne Mentee");
    const session = await rig.session({
      startsInMinutes: 2,
      kind: "GROUP",
      mentorId: rig.mentor.userId,
      bookings: [{ userId: mentee.userId }],
    });
    const asMentee = await callerFor(app, { cookie: mentee.cookie });
    const asMentor = await callerFor(app, { cookie: rig.mentor.cookie });
    const [menteeJoin, mentorJoin] = await Promise.all([
      asMentee.video.join({ sessionId: session.id }),
      asMentor.video.join({ sessionId: session.id }),
    ]);
    expect(menteeJoin.provider).toBe("twilio");
    expect(tokenClaims(mentorJoin.token).grants.identity).toBe(rig.mentor.userId);
    const claims = tokenClaims(menteeJoin.token);
    expect(claims.iss).toBe(fake.apiKeySid);
    expect(claims.sub).toBe(fake.accountSid);
    expect(claims.grants).toEqual({
      identity: mentee.userId,
      video: { room: `booking-session:${session.id}` },
    });
    expect(Math.abs(claims.exp * 1000 - session.endsAt.getTime())).toBeLessThan(2_000);

    // One room for both joins, a group room for capacity 3 + the mentor, with our callback URL.
    const rooms = fake.rooms().filter((r) => r.uniqueName === `booking-session:${session.id}`);
    expect(rooms).toHaveLength(1);
    expect(rooms[0]).toMatchObject({
      type: "group",
      maxParticipants: 4,
      statusCallback: "http://localhost:3000/api/webhooks/twilio",
    });
    expect(fake.specViolations).toEqual([]);

    // Both connect; Twilio's signed callbacks reach our edge (each twice) and are processed.
    const sid = rooms[0]?.sid as string;
    const menteeIn = fake.connectParticipant(sid, mentee.userId);
    const mentorIn = fake.connectParticipant(sid, rig.mentor.userId);
    for (const callback of [menteeIn.callback, mentorIn.callback, menteeIn.callback]) {
      const signature = fake.signStatusCallback(callback.url, callback.params);
      expect((await rig.deliver(callback.params, signature)).status).toBe(200);
    }
    const tampered = { ...menteeIn.callback.params, ParticipantIdentity: rig.mentor.userId };
    const signature = fake.signStatusCallback(menteeIn.callback.url, menteeIn.callback.params);
    expect((await rig.deliver(tampered, signature)).status).toBe(403);
    for (const row of await app.prisma.videoCallbackEvent.findMany()) {
      await processVideoCallback(app, row.id);
    }
    const presence = await asMentee.video.presence({ sessionId: session.id });
    expect(presence.connected.map((p) => p.id).sort()).toEqual(
      [mentee.userId, rig.mentor.userId].sort(),
    );

    // The close completes the room at Twilio.
    await closeRoom(app, session.id);
    expect(fake.rooms().find((r) => r.sid === sid)?.status).toBe("completed");
    expect(
      (await app.prisma.videoConnection.findMany({ where: { sessionId: session.id } })).every(
        (c) => c.disconnectedAt !== null,
      ),
    ).toBe(true);
    expect(fake.specViolations).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { LocalAccessTokenError, VideoProviderError } from "../errors.ts";
import { decodeJwt, hs256, independentTwilioSignature } from "../testing/test-support.ts";
import { createLocalVideoProvider, signLocalStatusCallback } from "./local-provider.ts";
import { verifyLocalAccessToken } from "./local-token.ts";
import { createMemoryLocalRoomStore, type LocalRoomStore } from "./room-store.ts";

const SECRET = "local-video-secret-0123456789abcdef";
const T0 = new Date("2026-03-01T10:00:00Z");

function setup(start = T0) {
  let clock = start;
  const store = createMemoryLocalRoomStore();
  const provider = createLocalVideoProvider({ secret: SECRET, store, now: () => clock });
  return {
    store,
    provider,
    advance: (seconds: number) => {
      clock = new Date(clock.getTime() + seconds * 1000);
    },
  };
}

describe("the local video provider", () => {
  it("ensures a room idempotently on its unique name", async () => {
    const { provider, store, advance } = setup();
    const input = { uniqueName: "booking-session:s1", type: "go", maxParticipants: 2 } as const;
    const first = await provider.ensureRoom(input);
    advance(5);
    const second = await provider.ensureRoom(input);
    expect(first).toEqual({
      sid: expect.stringMatching(/^RM[0-9a-f]{32}$/),
      uniqueName: "booking-session:s1",
      type: "go",
      status: "in-progress",
      maxParticipants: 2,
    });
    expect(second).toEqual(first);
    expect(store.all()).toHaveLength(1);
    const concurrent = await Promise.all(
      [1, 2].map(() => provider.ensureRoom({ ...input, uniqueName: "booking-session:s2" })),
    );
    expect(concurrent[0]?.sid).toBe(concurrent[1]?.sid);
    expect(store.all()).toHaveLength(2);
  });

  it("completes idempotently and gives a later room with the same name a new sid", async () => {
    const { provider, store, advance } = setup();
    const input = { uniqueName: "booking-session:s1", type: "group", maxParticipants: 9 } as const;
    const room = await provider.ensureRoom(input);
    await provider.completeRoom(room.sid);
    await provider.completeRoom(room.sid);
    await provider.completeRoom("booking-session:s1");
    await provider.completeRoom("unknown");
    expect(store.all()).toMatchObject([{ sid: room.sid, status: "completed", endedAt: T0 }]);
    advance(60);
    const next = await provider.ensureRoom(input);
    expect(next.sid).not.toBe(room.sid);
    expect(next.status).toBe("in-progress");
  });

  it("refuses rooms Twilio would refuse, as permanent", async () => {
    const { provider } = setup();
    await expect(
      provider.ensureRoom({ uniqueName: "x", type: "go", maxParticipants: 3 }),
    ).rejects.toMatchObject({ kind: "permanent", code: "invalid_input" });
    await expect(
      provider.ensureRoom({ uniqueName: "x", type: "group", maxParticipants: 51 }),
    ).rejects.toMatchObject({ kind: "permanent" });
  });

  it("reports a failing store as retryable", async () => {
    const broken: LocalRoomStore = {
      find: () => Promise.reject(new Error("db down")),
      insertIfAbsent: () => Promise.reject(new Error("db down")),
      complete: () => Promise.reject(new Error("db down")),
    };
    const provider = createLocalVideoProvider({ secret: SECRET, store: broken });
    await expect(
      provider.ensureRoom({ uniqueName: "x", type: "go", maxParticipants: 2 }),
    ).rejects.toMatchObject({ kind: "retryable", code: "store_unavailable" });
    await expect(provider.completeRoom("x")).rejects.toBeInstanceOf(VideoProviderError);
  });

  it("refuses a short secret", () => {
    expect(() =>
      createLocalVideoProvider({ secret: "short", store: createMemoryLocalRoomStore() }),
    ).toThrow("at least 32 characters");
  });

  it("makes tokens shaped like Twilio's, verifiable by verifyLocalAccessToken", () => {
    const { provider } = setup();
    const { token, expiresAt } = provider.createAccessToken({
      identity: "user_42",
      roomName: "booking-session:s1",
      ttlSeconds: 1800,
    });
    const jwt = decodeJwt(token);
    expect(jwt.header).toEqual({ alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1" });
    expect(jwt.payload).toEqual({
      jti: expect.stringMatching(/^SK0{32}-\d+-[0-9a-f]{8}$/),
      grants: { identity: "user_42", video: { room: "booking-session:s1" } },
      iat: T0.getTime() / 1000,
      nbf: T0.getTime() / 1000,
      exp: T0.getTime() / 1000 + 1800,
      iss: `SK${"0".repeat(32)}`,
      sub: `AC${"0".repeat(32)}`,
    });
    expect((jwt.payload.exp as number) - (jwt.payload.nbf as number)).toBe(1800);
    expect(jwt.signature.equals(hs256(SECRET, jwt.signingInput))).toBe(true);
    expect(expiresAt).toEqual(new Date(T0.getTime() + 1800 * 1000));
    expect(verifyLocalAccessToken(token, SECRET, new Date(T0.getTime() + 60_000))).toEqual({
      identity: "user_42",
      roomName: "booking-session:s1",
      expiresAt,
    });
  });

  it("refuses expired, early, forged and malformed tokens", () => {
    const { provider } = setup();
    const { token } = provider.createAccessToken({ identity: "u", roomName: "r", ttlSeconds: 60 });
    const reason = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(LocalAccessTokenError);
        return (error as LocalAccessTokenError).reason;
      }
      return "accepted";
    };
    expect(
      reason(() => verifyLocalAccessToken(token, SECRET, new Date(T0.getTime() + 60_000))),
    ).toBe("expired");
    expect(reason(() => verifyLocalAccessToken(token, SECRET, new Date(T0.getTime() - 1000)))).toBe(
      "not_yet_valid",
    );
    expect(reason(() => verifyLocalAccessToken(token, `${SECRET}x`, T0))).toBe("bad_signature");
    const [header, payload, signature] = token.split(".");
    const otherPayload = Buffer.from(
      JSON.stringify({
        ...decodeJwt(token).payload,
        grants: { identity: "admin", video: { room: "r" } },
      }),
    ).toString("base64url");
    expect(
      reason(() => verifyLocalAccessToken(`${header}.${otherPayload}.${signature}`, SECRET, T0)),
    ).toBe("bad_signature");
    const none = Buffer.from(JSON.stringify({ alg: "none", cty: "twilio-fpa;v=1" })).toString(
      "base64url",
    );
    expect(reason(() => verifyLocalAccessToken(`${none}.${payload}.`, SECRET, T0))).toBe(
      "malformed",
    );
    expect(reason(() => verifyLocalAccessToken("not-a-jwt", SECRET, T0))).toBe("malformed");
    expect(reason(() => verifyLocalAccessToken(token, SECRET, T0))).toBe("accepted");
  });

  it("refuses a ttl of zero or less, or above 24 hours", () => {
    const { provider } = setup();
    for (const ttlSeconds of [0, -1, 86_401]) {
      expect(() =>
        provider.createAccessToken({ identity: "u", roomName: "r", ttlSeconds }),
      ).toThrow(expect.objectContaining({ code: "invalid_ttl", kind: "permanent" }));
    }
  });

  it("verifies its status callbacks like Twilio's, with the local secret", () => {
    const { provider } = setup();
    const url = "http://localhost:3000/api/video/callbacks?provider=local";
    const params = {
      RoomSid: `RM${"1".repeat(32)}`,
      RoomName: "booking-session:s1",
      StatusCallbackEvent: "participant-connected",
      ParticipantSid: `PA${"2".repeat(32)}`,
      ParticipantIdentity: "user_42",
      Timestamp: T0.toISOString(),
      SequenceNumber: "1",
    };
    const signature = signLocalStatusCallback(SECRET, url, params);
    expect(signature).toBe(independentTwilioSignature(SECRET, url, params));
    expect(provider.verifyStatusCallback({ url, params, signature })).toBe(true);
    expect(
      provider.verifyStatusCallback({
        url,
        params: { ...params, ParticipantIdentity: "u2" },
        signature,
      }),
    ).toBe(false);
    expect(provider.verifyStatusCallback({ url: `${url}&x=1`, params, signature })).toBe(false);
    expect(provider.verifyStatusCallback({ url, params, signature: undefined })).toBe(false);
    expect(
      provider.verifyStatusCallback({
        url,
        params,
        signature: signLocalStatusCallback(`${SECRET}x`, url, params),
      }),
    ).toBe(false);
    expect(provider.parseStatusCallback(params)).toEqual({
      eventId: `local:${params.RoomSid}:participant-connected:${params.ParticipantSid}:1`,
      type: "participant-connected",
      roomSid: params.RoomSid,
      roomName: "booking-session:s1",
      participantSid: params.ParticipantSid,
      participantIdentity: "user_42",
      occurredAt: T0,
    });
  });
});

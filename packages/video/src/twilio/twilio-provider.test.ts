import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { VideoProviderError } from "../errors.ts";
import type { VideoProvider } from "../provider.ts";
import { type FakeTwilio, startFakeTwilio } from "../testing/fake-twilio.ts";
import { describeWithSpecs } from "../testing/specs-gate.ts";
import {
  decodeJwt,
  hs256,
  independentTwilioSignature,
  TWILIO_EXAMPLE,
} from "../testing/test-support.ts";
import { createTwilioVideoProvider } from "./twilio-provider.ts";

describeWithSpecs("the Twilio video provider against the fake Twilio", (specsDir) => {
  let fake: FakeTwilio;
  let provider: VideoProvider;
  const providerFor = (overrides: { timeoutMs?: number; apiKeySecret?: string } = {}) =>
    createTwilioVideoProvider({
      accountSid: fake.accountSid,
      apiKeySid: fake.apiKeySid,
      apiKeySecret: overrides.apiKeySecret ?? fake.apiKeySecret,
      authToken: fake.authToken,
      baseUrl: fake.url,
      timeoutMs: overrides.timeoutMs ?? 2000,
    });

  beforeAll(async () => {
    fake = await startFakeTwilio({ specsDir });
    provider = providerFor();
  });
  afterEach(() => {
    expect(fake.specViolations).toEqual([]);
  });
  afterAll(async () => {
    await fake.close();
  });

  const roomsNamed = (name: string) => fake.rooms().filter((r) => r.uniqueName === name);

  it("creates a room with what the session needs", async () => {
    const room = await provider.ensureRoom({
      uniqueName: "booking-session:create",
      type: "group",
      maxParticipants: 9,
      statusCallbackUrl: "https://mentora.test/api/video/callbacks",
    });
    expect(room).toEqual({
      sid: expect.stringMatching(/^RM[0-9a-f]{32}$/),
      uniqueName: "booking-session:create",
      type: "group",
      status: "in-progress",
      maxParticipants: 9,
    });
    const [stored] = roomsNamed("booking-session:create");
    expect(stored).toMatchObject({
      sid: room.sid,
      statusCallback: "https://mentora.test/api/video/callbacks",
      statusCallbackMethod: "POST",
    });
  });

  it("is idempotent on the unique name: a second call finds the first room", async () => {
    const input = { uniqueName: "booking-session:twice", type: "go", maxParticipants: 2 } as const;
    const first = await provider.ensureRoom(input);
    const second = await provider.ensureRoom(input);
    expect(second.sid).toBe(first.sid);
    expect(roomsNamed(input.uniqueName)).toHaveLength(1);
    // The second create was refused with 53113 and the room fetched by its unique name.
    const calls = fake.requests.filter(
      (r) => r.body.UniqueName === input.uniqueName || r.path.endsWith(input.uniqueName),
    );
    expect(calls.map((r) => [r.operationId, r.status])).toEqual([
      ["CreateRoom", 201],
      ["CreateRoom", 400],
      ["FetchRoom", 200],
    ]);
  });

  it("gives concurrent calls one room", async () => {
    const input = {
      uniqueName: "booking-session:race",
      type: "group",
      maxParticipants: 5,
    } as const;
    const rooms = await Promise.all([1, 2, 3].map(() => provider.ensureRoom(input)));
    expect(new Set(rooms.map((r) => r.sid)).size).toBe(1);
    expect(roomsNamed(input.uniqueName)).toHaveLength(1);
  });

  it("creates a new room once the previous one with that name has ended (as Twilio does)", async () => {
    const input = { uniqueName: "booking-session:again", type: "go", maxParticipants: 2 } as const;
    const first = await provider.ensureRoom(input);
    await provider.completeRoom(first.sid);
    const second = await provider.ensureRoom(input);
    expect(second.sid).not.toBe(first.sid);
    expect(second.status).toBe("in-progress");
  });

  it("completes a room idempotently, by sid or by unique name, and ignores unknown rooms", async () => {
    const room = await provider.ensureRoom({
      uniqueName: "booking-session:done",
      type: "peer-to-peer",
      maxParticipants: 2,
    });
    await provider.completeRoom("booking-session:done");
    expect(fake.rooms().find((r) => r.sid === room.sid)?.status).toBe("completed");
    await expect(provider.completeRoom(room.sid)).resolves.toBeUndefined();
    await expect(provider.completeRoom("booking-session:done")).resolves.toBeUndefined();
    await expect(provider.completeRoom(`RM${"0".repeat(32)}`)).resolves.toBeUndefined();
    const updates = fake.requests.filter(
      (r) => r.operationId === "UpdateRoom" && r.body.Status === "completed",
    );
    expect(updates.length).toBeGreaterThanOrEqual(4);
  });

  it("reports what Twilio refuses as permanent, with Twilio's code", async () => {
    const error = await provider
      .ensureRoom({ uniqueName: "booking-session:big-go", type: "go", maxParticipants: 3 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ kind: "permanent", code: "twilio_53107", status: 400 });
    const unauthorized = await providerFor({ apiKeySecret: "wrong" })
      .ensureRoom({ uniqueName: "booking-session:auth", type: "go", maxParticipants: 2 })
      .catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ kind: "permanent", code: "twilio_20003", status: 401 });
  });

  it("reports a 503 as retryable, and the retry succeeds", async () => {
    const input = { uniqueName: "booking-session:503", type: "go", maxParticipants: 2 } as const;
    fake.failNext(1, "503");
    const error = await provider.ensureRoom(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "retryable", code: "twilio_20500", status: 503 });
    expect((await provider.ensureRoom(input)).uniqueName).toBe(input.uniqueName);
    fake.failNext(1, "503");
    await expect(provider.completeRoom(input.uniqueName)).rejects.toMatchObject({
      kind: "retryable",
    });
  });

  it("times out a call Twilio never answers, as retryable", async () => {
    const quick = providerFor({ timeoutMs: 300 });
    fake.failNext(1, "hang");
    const started = Date.now();
    const error = await quick
      .ensureRoom({ uniqueName: "booking-session:hang", type: "go", maxParticipants: 2 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "VideoProviderError", kind: "retryable", code: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.requests.at(-1)?.outcome).toBe("hung");
    fake.failNext(1, "hang");
    await expect(quick.completeRoom("booking-session:hang")).rejects.toMatchObject({
      code: "timeout",
    });
  });

  it("reports a refused connection as retryable", async () => {
    const unreachable = createTwilioVideoProvider({
      accountSid: fake.accountSid,
      apiKeySid: fake.apiKeySid,
      apiKeySecret: fake.apiKeySecret,
      authToken: fake.authToken,
      baseUrl: "http://127.0.0.1:1",
      timeoutMs: 1000,
    });
    await expect(
      unreachable.ensureRoom({ uniqueName: "x", type: "go", maxParticipants: 2 }),
    ).rejects.toMatchObject({ kind: "retryable", code: "network" });
  });

  it("makes access tokens Twilio accepts: HS256, cty, video grant, identity, ttl", () => {
    const before = Math.floor(Date.now() / 1000);
    const { token, expiresAt } = provider.createAccessToken({
      identity: "user_42",
      roomName: "booking-session:s1",
      ttlSeconds: 3600,
    });
    const jwt = decodeJwt(token);
    expect(jwt.header).toMatchObject({ alg: "HS256", typ: "JWT", cty: "twilio-fpa;v=1" });
    expect(jwt.payload.grants).toEqual({
      identity: "user_42",
      video: { room: "booking-session:s1" },
    });
    expect(jwt.payload.iss).toBe(fake.apiKeySid);
    expect(jwt.payload.sub).toBe(fake.accountSid);
    expect(jwt.payload.jti).toEqual(expect.stringContaining(fake.apiKeySid));
    const iat = jwt.payload.iat as number;
    const exp = jwt.payload.exp as number;
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(exp - iat).toBe(3600);
    expect(expiresAt.getTime()).toBe(exp * 1000);
    expect(jwt.signature.equals(hs256(fake.apiKeySecret, jwt.signingInput))).toBe(true);
    expect(jwt.signature.equals(hs256("another secret", jwt.signingInput))).toBe(false);
  });

  it("refuses a ttl of zero or less, or above 24 hours", () => {
    for (const ttlSeconds of [0, -5, 86_401, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() =>
        provider.createAccessToken({ identity: "u", roomName: "r", ttlSeconds }),
      ).toThrow(expect.objectContaining({ name: "VideoProviderError", code: "invalid_ttl" }));
    }
    const longest = provider.createAccessToken({
      identity: "u",
      roomName: "r",
      ttlSeconds: 86_400,
    });
    const { payload } = decodeJwt(longest.token);
    expect((payload.exp as number) - (payload.iat as number)).toBe(86_400);
  });

  it("accepts status callbacks signed by Twilio and refuses tampered ones", () => {
    const url = "https://mentora.test/api/video/callbacks?provider=twilio";
    const params = {
      AccountSid: fake.accountSid,
      RoomSid: `RM${"1".repeat(32)}`,
      RoomName: "booking-session:s1",
      StatusCallbackEvent: "room-created",
      Timestamp: new Date().toISOString(),
      SequenceNumber: "0",
    };
    const signature = independentTwilioSignature(fake.authToken, url, params);
    expect(fake.signStatusCallback(url, params)).toBe(signature);
    expect(provider.verifyStatusCallback({ url, params, signature })).toBe(true);
    const refused = [
      { url, params: { ...params, RoomName: "booking-session:s2" }, signature },
      { url, params: { ...params, Extra: "1" }, signature },
      { url: url.replace("twilio", "local"), params, signature },
      { url: "https://evil.test/api/video/callbacks?provider=twilio", params, signature },
      { url, params, signature: independentTwilioSignature("another token", url, params) },
      // One character changed (never the same one: a fixed replacement would sometimes match).
      { url, params, signature: `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}` },
      { url, params, signature: undefined },
      { url, params, signature: "" },
    ];
    for (const request of refused) expect(provider.verifyStatusCallback(request)).toBe(false);
  });

  it("checks Twilio's published signature example", () => {
    const withExampleToken = createTwilioVideoProvider({
      accountSid: fake.accountSid,
      apiKeySid: fake.apiKeySid,
      apiKeySecret: fake.apiKeySecret,
      authToken: TWILIO_EXAMPLE.authToken,
    });
    const { url, params, signature } = TWILIO_EXAMPLE;
    expect(withExampleToken.verifyStatusCallback({ url, params, signature })).toBe(true);
    expect(
      withExampleToken.verifyStatusCallback({ url, params: { ...params, To: "+1" }, signature }),
    ).toBe(false);
  });

  it("verifies and parses the callbacks of a whole session delivered over HTTP", async () => {
    // Our callback endpoint, as the web app will run it: verify, parse, store once by eventId.
    const stored = new Map<string, ReturnType<VideoProvider["parseStatusCallback"]>>();
    let refused = 0;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
        const url = `${publicBase}${req.url}`;
        const signature = req.headers["x-twilio-signature"];
        const ok = provider.verifyStatusCallback({
          url,
          params,
          signature: typeof signature === "string" ? signature : undefined,
        });
        if (!ok) refused += 1;
        const event = ok ? provider.parseStatusCallback(params) : null;
        if (event) stored.set(event.eventId, event);
        res.writeHead(ok ? 204 : 403).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const publicBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const callbackUrl = `${publicBase}/api/video/callbacks?provider=twilio`;
      const room = await provider.ensureRoom({
        uniqueName: "booking-session:live",
        type: "go",
        maxParticipants: 2,
        statusCallbackUrl: callbackUrl,
      });
      const mentor = fake.connectParticipant(room.sid, "user_mentor");
      fake.connectParticipant(room.sid, "user_learner");
      expect(() => fake.connectParticipant(room.sid, "user_third")).toThrow(
        expect.objectContaining({ code: 53105 }),
      );
      fake.disconnectParticipant(room.sid, mentor.participantSid);
      await provider.completeRoom(room.sid);
      const callbacks = fake.pendingCallbacks.filter((c) => c.url === callbackUrl);
      for (const callback of callbacks) {
        expect((await fake.sendStatusCallback(callback.url, callback.params)).status).toBe(204);
      }
      // Twilio may deliver a callback twice: it is stored once.
      const [firstCallback] = callbacks;
      if (firstCallback) await fake.sendStatusCallback(firstCallback.url, firstCallback.params);
      const forged = await fetch(callbackUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": "forged",
        },
        body: new URLSearchParams(firstCallback?.params).toString(),
      });
      expect(forged.status).toBe(403);
      expect(refused).toBe(1);
      const events = [...stored.values()];
      expect(events.map((e) => [e?.type, e?.participantIdentity])).toEqual([
        ["room-created", undefined],
        ["participant-connected", "user_mentor"],
        ["participant-connected", "user_learner"],
        ["participant-disconnected", "user_mentor"],
        ["participant-disconnected", "user_learner"],
        ["room-ended", undefined],
      ]);
      expect(events.every((e) => e?.roomSid === room.sid && e.roomName === room.uniqueName)).toBe(
        true,
      );
      expect(events[3]?.participantDurationSeconds).toEqual(expect.any(Number));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

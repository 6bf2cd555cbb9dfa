import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "./fake-twilio.ts";
import { describeWithSpecs } from "./specs-gate.ts";

describeWithSpecs("the fake Twilio validates requests against twilio_video_v1.json", (specsDir) => {
  let fake: FakeTwilio;
  beforeAll(async () => {
    fake = await startFakeTwilio({ specsDir });
  });
  afterAll(async () => {
    await fake.close();
    expect(fake.specViolations).toEqual([]);
  });

  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

  async function send(
    method: "GET" | "POST",
    path: string,
    form?: Record<string, string> | string,
    authorization: string | null = basic(fake.apiKeySid, fake.apiKeySecret),
  ) {
    const body = typeof form === "string" ? form : form && new URLSearchParams(form).toString();
    const response = await fetch(`${fake.url}${path}`, {
      method,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    return { status: response.status, json };
  }

  it("creates a valid room (201, a spec-shaped room)", async () => {
    const { status, json } = await send("POST", "/v1/Rooms", {
      UniqueName: "direct:valid",
      Type: "group",
      MaxParticipants: "12",
      StatusCallback: "https://mentora.test/cb",
      StatusCallbackMethod: "POST",
      VideoCodecs: "VP8",
      EmptyRoomTimeout: "10",
    });
    expect(status).toBe(201);
    expect(json).toMatchObject({
      unique_name: "direct:valid",
      type: "group",
      status: "in-progress",
      max_participants: 12,
      status_callback: "https://mentora.test/cb",
    });
  });

  describe("refuses with Twilio's 400 what the spec refuses", () => {
    it.each([
      ["an invalid Type", { UniqueName: "bad:type", Type: "huge" }, "Type"],
      ["an unknown parameter", { UniqueName: "bad:param", Colour: "blue" }, "Colour"],
      [
        "a non-integer MaxParticipants",
        { UniqueName: "bad:max", MaxParticipants: "two" },
        "MaxParticipants",
      ],
      ["a non-boolean AudioOnly", { UniqueName: "bad:audio", AudioOnly: "maybe" }, "AudioOnly"],
      ["an invalid StatusCallbackMethod", { StatusCallbackMethod: "PUT" }, "StatusCallbackMethod"],
      ["a StatusCallback that is not a URI", { StatusCallback: "not a url" }, "StatusCallback"],
      ["an invalid video codec", { VideoCodecs: "VP9" }, "VideoCodecs"],
    ])("%s", async (_, form, param) => {
      const before = fake.rooms().length;
      const { status, json } = await send("POST", "/v1/Rooms", form);
      expect(status).toBe(400);
      expect(json).toEqual({
        code: 20001,
        message: expect.stringContaining(param),
        more_info: "https://www.twilio.com/docs/errors/20001",
        status: 400,
      });
      expect(fake.rooms()).toHaveLength(before);
    });

    it("an update without Status, with an unknown Status, or with another parameter", async () => {
      await send("POST", "/v1/Rooms", { UniqueName: "direct:update" });
      const forms: Record<string, string>[] = [
        {},
        { Status: "paused" },
        { Status: "completed", Type: "go" },
      ];
      for (const form of forms) {
        const { status, json } = await send("POST", "/v1/Rooms/direct:update", form);
        expect(status).toBe(400);
        expect(json.code).toBe(20001);
      }
      expect(fake.rooms().find((r) => r.uniqueName === "direct:update")?.status).toBe(
        "in-progress",
      );
    });
  });

  it("applies Twilio's room rules: one in-progress room per name, MaxParticipants per type", async () => {
    expect((await send("POST", "/v1/Rooms", { UniqueName: "direct:dup" })).status).toBe(201);
    const duplicate = await send("POST", "/v1/Rooms", { UniqueName: "direct:dup" });
    expect(duplicate).toMatchObject({ status: 400, json: { code: 53113, message: "Room exists" } });
    const tooMany = await send("POST", "/v1/Rooms", { Type: "go", MaxParticipants: "3" });
    expect(tooMany).toMatchObject({ status: 400, json: { code: 53107 } });
    const group = await send("POST", "/v1/Rooms", { Type: "group", MaxParticipants: "51" });
    expect(group).toMatchObject({ status: 400, json: { code: 53107 } });

    const ended = await send("POST", "/v1/Rooms/direct:dup", { Status: "completed" });
    expect(ended).toMatchObject({ status: 202, json: { status: "completed" } });
    const sid = ended.json.sid as string;
    expect(await send("POST", `/v1/Rooms/${sid}`, { Status: "completed" })).toMatchObject({
      status: 400,
      json: { code: 53112 },
    });
    // A completed room is no longer known by its unique name, only by its sid.
    expect((await send("GET", "/v1/Rooms/direct:dup")).status).toBe(404);
    expect((await send("GET", `/v1/Rooms/${sid}`)).json.status).toBe("completed");
    expect((await send("POST", "/v1/Rooms", { UniqueName: "direct:dup" })).status).toBe(201);
  });

  it("enforces MaxParticipants when participants connect (53105)", async () => {
    const { json } = await send("POST", "/v1/Rooms", { Type: "go", MaxParticipants: "2" });
    fake.connectParticipant(json.sid as string, "a");
    fake.connectParticipant(json.sid as string, "b");
    expect(() => fake.connectParticipant(json.sid as string, "c")).toThrow(
      expect.objectContaining({ code: 53105 }),
    );
  });

  it("requires basic auth with the configured API key (or account sid and auth token)", async () => {
    const form = { UniqueName: "direct:auth" };
    expect((await send("POST", "/v1/Rooms", form, null)).status).toBe(401);
    expect((await send("POST", "/v1/Rooms", form, basic(fake.apiKeySid, "wrong"))).status).toBe(
      401,
    );
    expect((await send("POST", "/v1/Rooms", form, `Bearer ${fake.apiKeySecret}`)).json).toEqual({
      code: 20003,
      message: "Authenticate",
      more_info: "https://www.twilio.com/docs/errors/20003",
      status: 401,
    });
    expect(fake.rooms().some((r) => r.uniqueName === "direct:auth")).toBe(false);
    const asAccount = await send("POST", "/v1/Rooms", form, basic(fake.accountSid, fake.authToken));
    expect(asAccount.status).toBe(201);
  });

  it("answers 404 for what it does not serve and for unknown rooms", async () => {
    expect((await send("GET", "/v1/Compositions")).status).toBe(404);
    expect((await send("GET", `/v1/Rooms/RM${"f".repeat(32)}`)).json.code).toBe(20404);
  });

  it("fails or hangs the next calls on request", async () => {
    fake.failNext(1, "503");
    expect((await send("GET", "/v1/Rooms/direct:valid")).status).toBe(503);
    expect((await send("GET", "/v1/Rooms/direct:valid")).status).toBe(200);
    fake.failNext(1, "hang");
    const hung = fetch(`${fake.url}/v1/Rooms/direct:valid`, { signal: AbortSignal.timeout(200) });
    await expect(hung).rejects.toThrow();
  });
});

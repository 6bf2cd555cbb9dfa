import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { conformanceCandidates, frenchRequest } from "../conformance/run-matching-conformance.ts";
import type { MatchCandidate } from "../contracts.ts";
import { createAiProviders } from "../providers.ts";
import {
  type FakeOpenAiServer,
  fakeEmbedding,
  startFakeOpenAiServer,
} from "../testing/fake-openai-server.ts";
import { neutralImage } from "../testing/images.ts";
import { recordingLogger } from "../testing/recording-logger.ts";

let fake: FakeOpenAiServer;
let log: ReturnType<typeof recordingLogger>;

function providers(
  overrides: { apiKey?: string; fallbackToLocal?: boolean; rerankTop?: number } = {},
) {
  return createAiProviders({
    provider: "openai",
    openai: {
      baseUrl: fake.baseUrl,
      apiKey: overrides.apiKey ?? fake.apiKey,
      timeoutMs: 2_000,
      maxRetries: 1,
      models: { moderation: "omni-moderation-test", embedding: "embed-test", chat: "chat-test" },
      fallbackToLocal: overrides.fallbackToLocal,
      rerankTop: overrides.rerankTop,
    },
    logger: log.logger,
  });
}

beforeEach(async () => {
  fake = await startFakeOpenAiServer();
  log = recordingLogger();
});
afterEach(async () => {
  expect(fake.invalidRequests).toEqual([]);
  await fake.close();
});

describe("openai moderation", () => {
  it("text: the endpoint's scores are used, and the local rules still apply", async () => {
    const { moderation } = providers();
    const threat = await moderation.moderateText({
      text: "I will kill you after the session",
      context: "message",
    });
    expect(threat.provider).toBe("openai:omni-moderation-test+local-rules");
    expect(threat.verdict).toBe("block");
    expect(threat.reasons.map((r) => r.category)).toContain("harassment");
    expect(threat.scores.harassment).toBeCloseTo(0.97);
    const [request] = fake.requests;
    expect(request).toEqual({
      endpoint: "moderations",
      body: { model: "omni-moderation-test", input: "I will kill you after the session" },
    });

    // Nothing the endpoint flags, but a phone number in a profile: the local rule decides.
    const phone = await moderation.moderateText({
      text: "Call 06 12 34 56 78",
      context: "profile",
      language: "fr",
    });
    expect(phone.verdict).toBe("block");
    expect(phone.reasons.map((r) => r.category)).toEqual(["contact-details"]);
  });

  it("image: sent re-encoded as a JPEG data URL; the endpoint's sexual score decides", async () => {
    const { moderation } = providers();
    const clean = await moderation.moderateImage({
      bytes: await neutralImage("webp"),
      contentType: "image/webp",
      context: "avatar",
    });
    expect(clean.verdict).toBe("allow");
    const body = fake.requests[0]?.body as {
      input: { type: string; image_url: { url: string } }[];
    };
    expect(body.input[0]?.type).toBe("image_url");
    expect(body.input[0]?.image_url.url).toMatch(/^data:image\/jpeg;base64,/u);

    fake.imageScores = { sexual: 0.95 };
    const explicit = await moderation.moderateImage({
      bytes: await neutralImage("png"),
      contentType: "image/png",
      context: "avatar",
    });
    expect(explicit.verdict).toBe("block");
    expect(explicit.provider).toBe("openai:omni-moderation-test");
    expect(explicit.scores.sexual).toBeCloseTo(0.95);

    fake.imageScores = { sexual: 0.5 };
    const borderline = await moderation.moderateImage({
      bytes: await neutralImage("png"),
      contentType: "image/png",
      context: "avatar",
    });
    expect(borderline.verdict).toBe("review");
  });

  it("a wrong key, a broken answer: fall back, logged with the status; without fallback the error surfaces", async () => {
    const wrongKey = providers({ apiKey: "sk-wrong" });
    const result = await wrongKey.moderation.moderateText({
      text: "Clean words",
      context: "profile",
    });
    expect(result.provider).toBe("local");
    expect(log.lines.find((l) => l.level === "warn")?.object).toMatchObject({
      operation: "moderateText",
      err: { status: 401 },
    });

    // Not retried (a parse error is no transient failure): one broken answer, one fallback.
    fake.failNext("moderations", { kind: "garbage" });
    expect(
      (await providers().moderation.moderateText({ text: "Clean", context: "profile" })).provider,
    ).toBe("local");

    fake.failNext("moderations", { kind: "status", status: 503 }, 2);
    await expect(
      providers({ fallbackToLocal: false }).moderation.moderateText({
        text: "Clean",
        context: "profile",
      }),
    ).rejects.toMatchObject({ status: 503 });
  });

  it("retries a 500 once, then answers from the remote", async () => {
    fake.failNext("moderations", { kind: "status", status: 500 }, 1);
    const result = await providers().moderation.moderateText({ text: "Clean", context: "profile" });
    expect(result.provider).toBe("openai:omni-moderation-test+local-rules");
    expect(fake.count("moderations")).toBe(2);
    expect(log.lines).toEqual([]);
  });
});

describe("openai matching", () => {
  it("the chat model re-ranks and explains; the request carries the candidates and a strict JSON schema", async () => {
    fake.chatBehaviour = "reverse";
    const candidates = conformanceCandidates();
    const result = await providers().matching.match(frenchRequest, candidates, 5);
    // The local order puts the French mentor first; the fake model reversed it.
    expect(result.at(-1)?.mentorId).toBe("m-fr");
    expect(result[0]?.explanation).toMatch(/^Fake model: /u);
    const body = fake.requests.find((r) => r.endpoint === "chat")?.body as {
      model: string;
      messages: { role: string; content: string }[];
      response_format: { json_schema: { name: string; strict: boolean } };
    };
    expect(body.model).toBe("chat-test");
    expect(body.response_format.json_schema).toMatchObject({
      name: "mentor_ranking",
      strict: true,
    });
    const prompt = JSON.parse(body.messages.at(-1)?.content ?? "{}") as {
      candidates: { mentorId: string }[];
    };
    expect(prompt.candidates.map((c) => c.mentorId)[0]).toBe("m-fr");
    expect(body.messages[0]?.content).toContain("in French");
  });

  it("invented and repeated ids are dropped; scores never rise down the list", async () => {
    fake.chatBehaviour = "invent-a-mentor";
    const candidates = conformanceCandidates();
    const result = await providers().matching.match(frenchRequest, candidates, 10);
    expect(result.map((r) => r.mentorId).sort()).toEqual(candidates.map((c) => c.mentorId).sort());
    expect(result.map((r) => r.score)).toEqual(
      [...result.map((r) => r.score)].sort((a, b) => b - a),
    );
  });

  it("an explanation the model was talked into (a phone number, an adult link) is replaced by ours", async () => {
    fake.chatExplanation = "Great fit, call her on 06 12 34 56 78 or see onlyfans.com/jane";
    const candidates = conformanceCandidates();
    const result = await providers().matching.match(frenchRequest, candidates, 2);
    expect(fake.count("chat")).toBe(1);
    for (const entry of result) {
      expect(entry.explanation).not.toContain("onlyfans");
      expect(entry.explanation).not.toContain("06 12");
      expect(entry.explanation).toMatch(/dans votre budget/u);
    }
  });

  it("an unknown time zone in the request does not fail the ranking", async () => {
    const candidates = conformanceCandidates().map((c) => ({
      ...c,
      freeSlots: ["2026-12-08T18:30:00Z"],
    }));
    const request = { ...frenchRequest, timeZone: "Mars/Olympus_Mons" };
    const result = await providers().matching.match(request, candidates, 3);
    expect(result[0]?.mentorId).toBe("m-fr");
    expect(log.lines).toEqual([]);
  });

  it("only the top N go to the chat model; the rest follow in the local order", async () => {
    const candidates = conformanceCandidates();
    const result = await providers({ rerankTop: 2 }).matching.match(frenchRequest, candidates, 5);
    const body = fake.requests.find((r) => r.endpoint === "chat")?.body as {
      messages: { content: string }[];
    };
    const prompt = JSON.parse(body.messages.at(-1)?.content ?? "{}") as { candidates: unknown[] };
    expect(prompt.candidates).toHaveLength(2);
    expect(result).toHaveLength(5);
    expect(result.slice(2).every((r) => !r.explanation.startsWith("Fake model"))).toBe(true);
  });

  it("stored embeddings count: the profile closest to the request wins a tie", async () => {
    const base = conformanceCandidates()[1] as MatchCandidate;
    const request = { ...frenchRequest, text: "kubernetes terraform platform engineering" };
    const close: MatchCandidate = {
      ...base,
      mentorId: "m-close",
      embedding: fakeEmbedding(request.text),
    };
    const far: MatchCandidate = {
      ...base,
      mentorId: "m-far",
      embedding: fakeEmbedding("watercolour painting"),
    };
    const { matching } = providers();
    const result = await matching.match(request, [far, close], 2);
    expect(result.map((r) => r.mentorId)).toEqual(["m-close", "m-far"]);
    expect(fake.count("embeddings")).toBe(1);
    const vector = await matching.embed?.("kubernetes");
    expect(vector).toHaveLength(64);
  });

  it("servers without a moderation endpoint or structured output: both can be turned off", async () => {
    const { moderation, matching } = createAiProviders({
      provider: "openai",
      openai: { baseUrl: fake.baseUrl, apiKey: fake.apiKey, remoteModeration: false, rerankTop: 0 },
      logger: log.logger,
    });
    expect((await moderation.moderateText({ text: "Hello", context: "profile" })).provider).toBe(
      "local",
    );
    const close = {
      ...(conformanceCandidates()[1] as MatchCandidate),
      embedding: fakeEmbedding("typescript"),
    };
    const result = await matching.match({ ...frenchRequest, text: "typescript" }, [close], 1);
    expect(result[0]?.mentorId).toBe("m-fr");
    expect(fake.requests.map((r) => r.endpoint)).toEqual(["embeddings"]);
    expect(log.lines).toEqual([]);
  });

  it("embed falls back to null, logged, when the remote fails", async () => {
    fake.failNext("embeddings", { kind: "status", status: 500 }, 2);
    expect(await providers().matching.embed?.("anything")).toBeNull();
    expect(log.lines.find((l) => l.level === "warn")?.object).toMatchObject({ operation: "embed" });
  });
});

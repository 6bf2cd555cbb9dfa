import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./fake-openai-server.ts";

let fake: FakeOpenAiServer;
beforeEach(async () => {
  fake = await startFakeOpenAiServer();
});
afterEach(async () => {
  await fake.close();
});

async function post(path: string, body: unknown, key = fake.apiKey) {
  const response = await fetch(`${fake.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { message: string } },
  };
}

describe("the fake OpenAI server refuses what the real one would", () => {
  it.each([
    ["/moderations", { model: "m", input: 42 }],
    [
      "/moderations",
      { input: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] },
    ],
    ["/moderations", { input: "ok", extra: true }],
    ["/embeddings", { input: "no model" }],
    ["/embeddings", { model: "e", input: "x", encoding_format: "int8" }],
    ["/chat/completions", { model: "c", messages: [{ role: "user", content: "hi" }] }],
    [
      "/chat/completions",
      {
        model: "c",
        messages: [
          { role: "user", content: '{"request":{"text":"x"},"candidates":[{"mentorId":"m1"}]}' },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: "r", schema: {}, strict: false },
        },
      },
    ],
  ])("%s %j → 400, recorded", async (path, body) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(response.body.error?.message.length).toBeGreaterThan(0);
    expect(fake.invalidRequests).toHaveLength(1);
  });

  it("a wrong key is 401 and an unknown path 404, neither recorded as a request", async () => {
    expect((await post("/moderations", { input: "x" }, "sk-other")).status).toBe(401);
    expect((await post("/files", {})).status).toBe(404);
    expect(fake.requests).toEqual([]);
  });

  it("a valid request is answered in the endpoint's shape", async () => {
    const response = await post("/moderations", {
      model: "omni",
      input: ["fine", "a nude picture"],
    });
    expect(response.status).toBe(200);
    const results = (response.body as unknown as { results: { flagged: boolean }[] }).results;
    expect(results.map((r) => r.flagged)).toEqual([false, true]);
    expect(fake.invalidRequests).toEqual([]);
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type OpenAI from "openai";
import { z } from "zod";
import { fold, tokens } from "../local/text-tokens.ts";

/**
 * A local OpenAI-compatible server for tests (no network). Every request body is checked
 * against a zod schema typed by the SDK's own request types; a request that does not fit gets
 * a 400 and is kept in `invalidRequests`, so a test can assert there were none.
 */

const moderationCategoryNames = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/instructions",
  "self-harm/intent",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;
export type FakeModerationCategory = (typeof moderationCategoryNames)[number];

const imageDataUrl = z
  .string()
  .regex(
    /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/u,
    "a base64 data URL of an image",
  );

const moderationRequest = z.strictObject({
  model: z.string().min(1).optional(),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z
      .array(
        z.discriminatedUnion("type", [
          z.strictObject({ type: z.literal("text"), text: z.string() }),
          z.strictObject({
            type: z.literal("image_url"),
            image_url: z.strictObject({ url: imageDataUrl }),
          }),
        ]),
      )
      .min(1),
  ]),
}) satisfies z.ZodType<OpenAI.ModerationCreateParams>;

const embeddingRequest = z.strictObject({
  model: z.string().min(1),
  input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2048)]),
  encoding_format: z.enum(["float", "base64"]).optional(),
  dimensions: z.number().int().positive().optional(),
  user: z.string().optional(),
}) satisfies z.ZodType<OpenAI.EmbeddingCreateParams>;

const chatRequest = z.strictObject({
  model: z.string().min(1),
  messages: z
    .array(
      z.strictObject({
        role: z.enum(["system", "developer", "user"]),
        content: z.string().min(1),
      }),
    )
    .min(1),
  response_format: z.strictObject({
    type: z.literal("json_schema"),
    json_schema: z.strictObject({
      name: z.string().regex(/^[\w-]{1,64}$/u),
      strict: z.literal(true),
      schema: z.record(z.string(), z.unknown()),
      description: z.string().optional(),
    }),
  }),
  temperature: z.number().min(0).max(2).optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  stream: z.literal(false).optional(),
}) satisfies z.ZodType<OpenAI.ChatCompletionCreateParamsNonStreaming>;

/** What our re-ranking prompt must carry in its user message, for the fake to answer it. */
const rerankPrompt = z.object({
  request: z.object({ text: z.string() }).loose(),
  candidates: z.array(z.object({ mentorId: z.string() }).loose()).min(1),
});

type Endpoint = "moderations" | "embeddings" | "chat";
const endpoints: Record<string, Endpoint> = {
  "/v1/moderations": "moderations",
  "/v1/embeddings": "embeddings",
  "/v1/chat/completions": "chat",
};

type Failure = { kind: "status"; status: number } | { kind: "hang" } | { kind: "garbage" };

export type FakeOpenAiServer = {
  /** e.g. http://127.0.0.1:43210/v1 — the SDK's baseURL. */
  baseUrl: string;
  apiKey: string;
  requests: { endpoint: Endpoint; body: unknown }[];
  invalidRequests: { endpoint: Endpoint | "unknown"; issues: string }[];
  /** Words that make the fake moderation flag a text, with the category it flags. */
  flaggedWords: Map<string, FakeModerationCategory>;
  /** Scores the fake moderation gives every image (default: all 0.01). */
  imageScores: Partial<Record<FakeModerationCategory, number>>;
  /** How the fake chat model orders the candidates it is given. */
  chatBehaviour: "keep-order" | "reverse" | "invent-a-mentor";
  /** Every explanation the fake chat model writes, when set (e.g. one a bio smuggled in). */
  chatExplanation?: string;
  /** The next `times` requests to the endpoint fail this way (a hang ends only when the client gives up). */
  failNext(endpoint: Endpoint, failure: Failure, times?: number): void;
  count(endpoint: Endpoint): number;
  close(): Promise<void>;
};

const dimensions = 64;

/** Hashed bag of words, normalised: texts sharing words get a higher cosine. */
export function fakeEmbedding(text: string, size = dimensions): number[] {
  const vector = new Array<number>(size).fill(0);
  for (const word of tokens(text)) {
    let hash = 2166136261;
    for (const char of word) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619);
    vector[Math.abs(hash) % size] = (vector[Math.abs(hash) % size] ?? 0) + 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function moderationResult(
  scores: Partial<Record<FakeModerationCategory, number>>,
  types: ("text" | "image")[],
) {
  const categoryScores = Object.fromEntries(
    moderationCategoryNames.map((name) => [name, scores[name] ?? 0.01]),
  );
  const categories = Object.fromEntries(
    moderationCategoryNames.map((name) => [name, (scores[name] ?? 0) >= 0.5]),
  );
  const applied = Object.fromEntries(moderationCategoryNames.map((name) => [name, types]));
  return {
    flagged: Object.values(categories).some(Boolean),
    categories,
    category_scores: categoryScores,
    category_applied_input_types: applied,
  } as unknown as OpenAI.Moderation;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, {
    "content-type": "application/json",
    "x-request-id": `req_${Date.now()}`,
  });
  response.end(JSON.stringify(body));
}

export async function startFakeOpenAiServer(
  options: { apiKey?: string } = {},
): Promise<FakeOpenAiServer> {
  const apiKey = options.apiKey ?? "sk-fake-test-key";
  const failures: { endpoint: Endpoint; failure: Failure }[] = [];
  const hanging = new Set<ServerResponse>();
  const state: Omit<FakeOpenAiServer, "baseUrl" | "close" | "failNext" | "count"> = {
    apiKey,
    requests: [],
    invalidRequests: [],
    flaggedWords: new Map([
      ["kill you", "harassment/threatening"],
      ["nude", "sexual"],
    ]),
    imageScores: {},
    chatBehaviour: "keep-order",
  };

  function invalid(response: ServerResponse, endpoint: Endpoint | "unknown", issues: string) {
    state.invalidRequests.push({ endpoint, issues });
    send(response, 400, {
      error: { message: issues, type: "invalid_request_error", param: null, code: null },
    });
  }

  function moderate(body: z.infer<typeof moderationRequest>) {
    const inputs =
      typeof body.input === "string"
        ? [{ type: "text" as const, text: body.input }]
        : body.input.map((item) =>
            typeof item === "string" ? { type: "text" as const, text: item } : item,
          );
    // A multi-modal request gets one result for all its parts, like the real endpoint.
    const multiModal = Array.isArray(body.input) && typeof body.input[0] !== "string";
    const score = (item: (typeof inputs)[number]) => {
      if (item.type === "image_url") return state.imageScores;
      const text = ` ${fold(item.text)} `;
      const scores: Partial<Record<FakeModerationCategory, number>> = {};
      for (const [word, category] of state.flaggedWords)
        if (text.includes(fold(word))) scores[category] = 0.97;
      return scores;
    };
    const merged = (items: typeof inputs) => {
      const scores: Partial<Record<FakeModerationCategory, number>> = {};
      for (const item of items)
        for (const [name, value] of Object.entries(score(item)))
          scores[name as FakeModerationCategory] = Math.max(
            scores[name as FakeModerationCategory] ?? 0,
            value,
          );
      const types = [
        ...new Set(
          items.map((i) => (i.type === "image_url" ? "image" : "text") as "text" | "image"),
        ),
      ];
      return moderationResult(scores, types);
    };
    const results = multiModal ? [merged(inputs)] : inputs.map((item) => merged([item]));
    return {
      id: `modr-${state.requests.length}`,
      model: body.model ?? "omni-moderation-latest",
      results,
    } satisfies OpenAI.ModerationCreateResponse;
  }

  function embed(body: z.infer<typeof embeddingRequest>) {
    const inputs = typeof body.input === "string" ? [body.input] : body.input;
    const size = body.dimensions ?? dimensions;
    return {
      object: "list",
      model: body.model,
      data: inputs.map((text, index) => {
        const vector = fakeEmbedding(text, size);
        const embedding =
          body.encoding_format === "base64"
            ? Buffer.from(new Float32Array(vector).buffer).toString("base64")
            : vector;
        return { object: "embedding", index, embedding: embedding as number[] };
      }),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    } satisfies OpenAI.CreateEmbeddingResponse;
  }

  function chat(body: z.infer<typeof chatRequest>, response: ServerResponse) {
    const user = body.messages.findLast((m) => m.role === "user");
    const prompt = rerankPrompt.safeParse(JSON.parse(user?.content ?? "null"));
    if (!prompt.success) return invalid(response, "chat", `user message: ${prompt.error.message}`);
    let ids = prompt.data.candidates.map((c) => c.mentorId);
    if (state.chatBehaviour === "reverse") ids = ids.reverse();
    if (state.chatBehaviour === "invent-a-mentor")
      ids = ["mentor-who-does-not-exist", ...ids, ids[0] ?? ""];
    const content = JSON.stringify({
      ranking: ids.map((mentorId, index) => ({
        mentorId,
        score: Math.max(0, 1 - index * 0.05),
        explanation:
          state.chatExplanation ??
          `Fake model: a good fit for "${prompt.data.request.text.slice(0, 40)}".`,
      })),
    });
    send(response, 200, {
      id: `chatcmpl-${state.requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          logprobs: null,
          message: { role: "assistant", content, refusal: null },
        },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    } satisfies OpenAI.ChatCompletion);
  }

  const server = createServer(async (request, response) => {
    const endpoint = endpoints[new URL(request.url ?? "/", "http://fake").pathname];
    const raw = await readBody(request);
    if (!endpoint || request.method !== "POST") {
      return send(response, 404, {
        error: { message: "Not found", type: "invalid_request_error" },
      });
    }
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return send(response, 401, {
        error: { message: "Incorrect API key", type: "invalid_request_error" },
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return invalid(response, endpoint, "body is not JSON");
    }
    state.requests.push({ endpoint, body });
    const failureIndex = failures.findIndex((f) => f.endpoint === endpoint);
    const failure = failureIndex >= 0 ? failures.splice(failureIndex, 1)[0]?.failure : undefined;
    if (failure) {
      if (failure.kind === "hang") {
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      }
      if (failure.kind === "garbage") {
        response.writeHead(200, { "content-type": "application/json" });
        return response.end("{ not json");
      }
      return send(response, failure.status, {
        error: { message: "Fake failure", type: "server_error" },
      });
    }
    const schema = {
      moderations: moderationRequest,
      embeddings: embeddingRequest,
      chat: chatRequest,
    }[endpoint];
    const parsed = schema.safeParse(body);
    if (!parsed.success) return invalid(response, endpoint, parsed.error.message);
    if (endpoint === "moderations")
      return send(response, 200, moderate(parsed.data as z.infer<typeof moderationRequest>));
    if (endpoint === "embeddings")
      return send(response, 200, embed(parsed.data as z.infer<typeof embeddingRequest>));
    return chat(parsed.data as z.infer<typeof chatRequest>, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    failNext(endpoint: Endpoint, failure: Failure, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push({ endpoint, failure });
    },
    count(endpoint: Endpoint) {
      return state.requests.filter((r) => r.endpoint === endpoint).length;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  });
}

import { z } from "zod";
import { configProblem, defineConfigSlice, optionalString, positiveInt } from "../config/slice.ts";

/**
 * The AI providers (issue #16) and what moderation does with a `review` verdict. `local` needs no
 * key and no network; `openai` speaks the OpenAI API at AI_BASE_URL (OpenAI, Azure OpenAI,
 * Ollama, vLLM), falling back to local when the remote one fails.
 */
export const moderationConfig = defineConfigSlice({
  env: {
    AI_PROVIDER: z.enum(["local", "openai"]).default("local"),
    /** Unset: api.openai.com. */
    AI_BASE_URL: optionalString.pipe(z.url().optional()),
    AI_API_KEY: optionalString,
    AI_MODERATION_MODEL: optionalString,
    AI_EMBEDDING_MODEL: optionalString,
    AI_CHAT_MODEL: optionalString,
    AI_TIMEOUT_MS: positiveInt(10_000),
    /** false for servers without a moderation endpoint (Azure OpenAI, Ollama, vLLM). */
    AI_REMOTE_MODERATION: z.stringbool().default(true),
    /** Candidates the chat model re-ranks; 0: no chat call (servers without structured output). */
    AI_RERANK_TOP: z.coerce.number().int().min(0).max(100).default(20),
    /** `publish`: content with a `review` verdict stays published while queued; `hold`: withheld. */
    MODERATION_REVIEW_POLICY: z.enum(["publish", "hold"]).default("hold"),
  },
  check(env, ctx) {
    // OpenAI itself needs a key; a self-hosted server (Ollama, vLLM) at AI_BASE_URL may not.
    if (env.AI_PROVIDER === "openai" && !env.AI_BASE_URL && !env.AI_API_KEY) {
      configProblem(ctx, "AI_API_KEY", "AI_PROVIDER=openai needs AI_API_KEY (or AI_BASE_URL)");
    }
  },
  section: (env) => ({
    ai: {
      provider: env.AI_PROVIDER,
      baseUrl: env.AI_BASE_URL ?? null,
      apiKey: env.AI_API_KEY ?? null,
      models: {
        moderation: env.AI_MODERATION_MODEL ?? null,
        embedding: env.AI_EMBEDDING_MODEL ?? null,
        chat: env.AI_CHAT_MODEL ?? null,
      },
      timeoutMs: env.AI_TIMEOUT_MS,
      remoteModeration: env.AI_REMOTE_MODERATION,
      rerankTop: env.AI_RERANK_TOP,
    },
    reviewPolicy: env.MODERATION_REVIEW_POLICY,
  }),
});

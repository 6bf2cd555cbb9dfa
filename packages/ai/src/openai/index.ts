import type OpenAI from "openai";
import type { AiLogger, AiProviders, OpenAiOptions } from "../options.ts";
import { createOpenAiMatching } from "./matching.ts";
import { createOpenAiModeration } from "./moderation.ts";

export const openAiDefaults = {
  baseUrl: "https://api.openai.com/v1",
  models: {
    moderation: "omni-moderation-latest",
    embedding: "text-embedding-3-small",
    chat: "gpt-4.1-mini",
  },
  timeoutMs: 15_000,
  maxRetries: 2,
  rerankTop: 20,
} as const;

/** Any OpenAI-compatible server (OpenAI, Azure OpenAI v1, Ollama, vLLM) through the official SDK. */
export function createOpenAiProviders(
  options: OpenAiOptions,
  { local, logger }: { local: AiProviders; logger: AiLogger },
): AiProviders {
  // The SDK takes ~0.5 s to import: loaded on the first remote call, not by every process
  // (web, tests) that merely builds the providers.
  let loading: Promise<OpenAI> | undefined;
  const client = () => {
    loading ??= import("openai").then(
      ({ default: OpenAIClient }) =>
        new OpenAIClient({
          // Explicit, so the SDK never reads OPENAI_API_KEY / OPENAI_BASE_URL behind the config's
          // back. Local servers (Ollama, vLLM) accept any key.
          apiKey: options.apiKey || "no-key",
          baseURL: options.baseUrl || openAiDefaults.baseUrl,
          timeout: options.timeoutMs ?? openAiDefaults.timeoutMs,
          maxRetries: options.maxRetries ?? openAiDefaults.maxRetries,
        }),
    );
    return loading;
  };
  const fallback = options.fallbackToLocal ?? true;
  return {
    moderation:
      options.remoteModeration === false
        ? local.moderation
        : createOpenAiModeration({
            client,
            model: options.models?.moderation ?? openAiDefaults.models.moderation,
            local: local.moderation,
            logger,
            fallback,
          }),
    matching: createOpenAiMatching({
      client,
      chatModel: options.models?.chat ?? openAiDefaults.models.chat,
      embeddingModel: options.models?.embedding ?? openAiDefaults.models.embedding,
      rerankTop: options.rerankTop ?? openAiDefaults.rerankTop,
      local: local.matching,
      logger,
      fallback,
    }),
  };
}

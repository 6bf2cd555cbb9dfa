import { createAiProviders, type MatchingProvider, type ModerationProvider } from "@mentora/ai";
import type { Config } from "../config/index.ts";
import type { Logger } from "../logger/index.ts";

/** The two AI contracts a process uses (issue #16), chosen by AI_PROVIDER. */
export interface AiProviders {
  moderation: ModerationProvider;
  matching: MatchingProvider;
}

/** The providers the configuration names (`local` needs no key and no network). */
export function aiProvidersFor(config: Config, logger: Logger): AiProviders {
  const { ai } = config.moderation;
  return createAiProviders({
    provider: ai.provider,
    logger,
    openai: {
      ...(ai.baseUrl ? { baseUrl: ai.baseUrl } : {}),
      ...(ai.apiKey ? { apiKey: ai.apiKey } : {}),
      models: {
        ...(ai.models.moderation ? { moderation: ai.models.moderation } : {}),
        ...(ai.models.embedding ? { embedding: ai.models.embedding } : {}),
        ...(ai.models.chat ? { chat: ai.models.chat } : {}),
      },
      timeoutMs: ai.timeoutMs,
      remoteModeration: ai.remoteModeration,
      rerankTop: ai.rerankTop,
    },
  });
}

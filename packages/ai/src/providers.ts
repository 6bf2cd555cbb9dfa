import { createLocalMatching, createLocalModeration } from "./local/index.ts";
import { createOpenAiProviders } from "./openai/index.ts";
import { type AiProviders, type AiProvidersOptions, silentLogger } from "./options.ts";

/**
 * The moderation and matching providers for `AI_PROVIDER`. `local` (the default) needs no key
 * and no network; `openai` speaks to any OpenAI-compatible server and falls back to `local`
 * when that server fails.
 */
export function createAiProviders(options: AiProvidersOptions = {}): AiProviders {
  const logger = options.logger ?? silentLogger;
  const local = {
    moderation: createLocalModeration({ imageClassifier: options.imageClassifier }),
    matching: createLocalMatching(),
  };
  const provider = options.provider ?? "local";
  if (provider === "local") return local;
  if (provider === "openai") return createOpenAiProviders(options.openai ?? {}, { local, logger });
  throw new Error(`Unknown AI provider: ${String(provider)}`);
}

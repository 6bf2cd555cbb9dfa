import type { AiLogger, AiProviders, OpenAiOptions } from "../options.ts";

export function createOpenAiProviders(
  _options: OpenAiOptions,
  { local }: { local: AiProviders; logger: AiLogger },
): AiProviders {
  // Filled in by the next commit; until then the local providers answer.
  return local;
}

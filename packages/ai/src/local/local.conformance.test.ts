import { runMatchingConformance } from "../conformance/run-matching-conformance.ts";
import { runModerationConformance } from "../conformance/run-moderation-conformance.ts";
import { createAiProviders } from "../providers.ts";
import { recordingLogger } from "../testing/recording-logger.ts";

async function setup() {
  const log = recordingLogger();
  const providers = createAiProviders({ provider: "local", logger: log.logger });
  return { ...providers, warnings: log.warnings, embeds: false, async close() {} };
}

// The real nsfwjs model answers the image case (loaded once for this file).
runModerationConformance("local", setup, { remote: false });
runMatchingConformance("local", setup, { remote: false });

import { expect } from "vitest";
import { runMatchingConformance } from "../conformance/run-matching-conformance.ts";
import { runModerationConformance } from "../conformance/run-moderation-conformance.ts";
import { createAiProviders } from "../providers.ts";
import { startFakeOpenAiServer } from "../testing/fake-openai-server.ts";
import { recordingLogger } from "../testing/recording-logger.ts";

const maxRetries = 1;

async function setup() {
  const fake = await startFakeOpenAiServer();
  const log = recordingLogger();
  const providers = createAiProviders({
    provider: "openai",
    openai: { baseUrl: fake.baseUrl, apiKey: fake.apiKey, timeoutMs: 1_500, maxRetries },
    logger: log.logger,
  });
  return {
    ...providers,
    warnings: log.warnings,
    embeds: true,
    failRemote(operation: "moderation" | "chat", failure: "500" | "timeout") {
      const endpoint = operation === "moderation" ? "moderations" : "chat";
      // Every attempt fails: the first and each of the SDK's retries.
      fake.failNext(
        endpoint,
        failure === "500" ? { kind: "status", status: 500 } : { kind: "hang" },
        maxRetries + 1,
      );
    },
    remoteCalls: () => fake.requests.length,
    async close() {
      // Every request the SDK sent had the shape of the endpoint's request type.
      expect(fake.invalidRequests).toEqual([]);
      await fake.close();
    },
  };
}

runModerationConformance("openai (fake server)", setup, { remote: true });
runMatchingConformance("openai (fake server)", setup, { remote: true });

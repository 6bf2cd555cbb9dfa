import { describe, expect, it } from "vitest";
import { createAiProviders } from "./providers.ts";
import { fixedImageClassifier } from "./testing/fixed-image-classifier.ts";
import { neutralImage } from "./testing/images.ts";

describe("createAiProviders", () => {
  it("defaults to local, with the image classifier it is given", async () => {
    const classifier = fixedImageClassifier({ Porn: 0.9, Neutral: 0.1 });
    const { moderation, matching } = createAiProviders({ imageClassifier: classifier });
    expect(moderation.id).toBe("local");
    expect(matching.id).toBe("local");
    expect(matching.embed).toBeUndefined();
    const result = await moderation.moderateImage({
      bytes: await neutralImage(),
      contentType: "image/png",
      context: "avatar",
    });
    expect(result.verdict).toBe("block");
    expect(classifier.state.calls).toBe(1);
  });

  it("openai: builds without touching the network; an unknown provider is refused", () => {
    const { moderation, matching } = createAiProviders({
      provider: "openai",
      openai: { baseUrl: "http://127.0.0.1:9/v1" },
    });
    expect(moderation.id).toBe("openai");
    expect(typeof matching.embed).toBe("function");
    expect(() => createAiProviders({ provider: "watson" as "local" })).toThrow(
      /Unknown AI provider: watson/u,
    );
  });
});

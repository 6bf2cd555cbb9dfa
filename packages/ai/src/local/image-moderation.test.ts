import { describe, expect, it } from "vitest";
import { flatImage, neutralImage, skinTone } from "../testing/images.ts";
import type { ImageClassification, ImageClassifier } from "./image-classifier.ts";
import { nsfwClasses } from "./image-classifier.ts";
import {
  ImageModerationError,
  imageThresholds,
  imageVerdict,
  moderateImageLocally,
} from "./image-moderation.ts";
import { nsfwjsClassifier, nsfwjsLoadStats } from "./nsfwjs-classifier.ts";

const classes = (over: Partial<ImageClassification>): ImageClassification => ({
  Drawing: 0,
  Hentai: 0,
  Neutral: 0,
  Porn: 0,
  Sexy: 0,
  ...over,
});

/** Records what it was given and answers fixed probabilities: the thresholds are ours to test. */
function stubClassifier(answer: ImageClassification) {
  const seen: { width: number; height: number; bytes: number }[] = [];
  const classifier: ImageClassifier = {
    inputSize: 224,
    async classify(pixels) {
      seen.push({ width: pixels.width, height: pixels.height, bytes: pixels.data.length });
      return answer;
    },
  };
  return { classifier, seen };
}

describe("image verdicts from the classifier's classes (stub classifier)", () => {
  it.each([
    [classes({ Neutral: 0.95, Drawing: 0.05 }), "allow"],
    [classes({ Drawing: 0.9, Neutral: 0.1 }), "allow"],
    [classes({ Sexy: imageThresholds.reviewSexy, Neutral: 0.4 }), "review"],
    [classes({ Porn: imageThresholds.reviewPorn, Neutral: 0.7 }), "review"],
    [classes({ Hentai: imageThresholds.reviewHentai + 0.1, Drawing: 0.6 }), "review"],
    [classes({ Porn: imageThresholds.blockPorn, Sexy: 0.3 }), "block"],
    [classes({ Hentai: 0.9, Drawing: 0.1 }), "block"],
  ] as const)("%o → %s", (probabilities, verdict) => {
    const result = imageVerdict(probabilities, "local");
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.length > 0).toBe(verdict !== "allow");
    expect(result.reasons.every((r) => r.category === "sexual")).toBe(true);
    expect(result.scores.sexual).toBeGreaterThanOrEqual(0);
  });

  it("decodes PNG, JPEG and WebP to the classifier's input size, and uses its answer", async () => {
    const { classifier, seen } = stubClassifier(classes({ Porn: 0.92, Neutral: 0.08 }));
    for (const format of ["png", "jpeg", "webp"] as const) {
      const result = await moderateImageLocally(
        { bytes: await neutralImage(format), contentType: `image/${format}`, context: "avatar" },
        classifier,
      );
      expect(result.verdict, format).toBe("block");
      expect(result.classes.Porn).toBe(0.92);
    }
    expect(seen).toEqual(Array(3).fill({ width: 224, height: 224, bytes: 224 * 224 * 3 }));
  });

  it("refuses types it does not accept and bytes that are not an image, with stable codes", async () => {
    const { classifier, seen } = stubClassifier(classes({ Neutral: 1 }));
    await expect(
      moderateImageLocally(
        { bytes: await neutralImage(), contentType: "image/svg+xml", context: "avatar" },
        classifier,
      ),
    ).rejects.toMatchObject({ code: "unsupported-type" });
    await expect(
      moderateImageLocally(
        {
          bytes: new TextEncoder().encode("<html>not an image</html>"),
          contentType: "image/png",
          context: "avatar",
        },
        classifier,
      ),
    ).rejects.toBeInstanceOf(ImageModerationError);
    expect(seen).toEqual([]);
  });
});

describe("nsfwjs MobileNetV2 on tfjs-wasm (real model, from the npm package)", () => {
  it("loads once and classifies generated neutral images as not sexual", async () => {
    const classifier = nsfwjsClassifier();
    const neutral = await moderateImageLocally(
      { bytes: await neutralImage("jpeg"), contentType: "image/jpeg", context: "avatar" },
      classifier,
    );
    const stats = nsfwjsLoadStats();
    expect(stats?.loadMs).toBeGreaterThan(0);
    expect(Object.keys(neutral.classes).sort()).toEqual([...nsfwClasses].sort());
    const sum = Object.values(neutral.classes).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 2);
    expect(neutral.classes.Porn + neutral.classes.Hentai).toBeLessThan(imageThresholds.reviewPorn);
    expect(neutral.verdict).toBe("allow");
    // The verdict is the mapping of the model's own output.
    expect(imageVerdict(neutral.classes, neutral.provider).verdict).toBe(neutral.verdict);

    const flat = await moderateImageLocally(
      { bytes: await flatImage(skinTone), contentType: "image/png", context: "avatar" },
      classifier,
    );
    expect(Object.keys(flat.classes)).toHaveLength(5);
    expect(flat.classes).not.toEqual(neutral.classes);
    // Loaded once: a second image does not load the model again.
    expect(nsfwjsLoadStats()).toBe(stats);
  });
});

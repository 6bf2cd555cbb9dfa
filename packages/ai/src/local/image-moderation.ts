import type { OutputInfo } from "sharp";
import type { ImageModerationInput, ModerationResult } from "../contracts.ts";
import type { ImageClassification, ImageClassifier } from "./image-classifier.ts";
import { combineFindings, type Finding } from "./verdict.ts";

export const acceptedImageTypes = ["image/jpeg", "image/png", "image/webp"] as const;

/** Thresholds on nsfwjs' classes; avatars are public, so "Sexy" alone goes to a human. */
export const imageThresholds = {
  blockPorn: 0.7,
  blockHentai: 0.7,
  reviewPorn: 0.3,
  reviewHentai: 0.3,
  reviewSexy: 0.6,
} as const;

export class ImageModerationError extends Error {
  readonly code: "unsupported-type" | "undecodable-image";
  constructor(code: "unsupported-type" | "undecodable-image", message: string) {
    super(message);
    this.code = code;
    this.name = "ImageModerationError";
  }
}

/** Maps the classifier's probabilities to categories, reasons and a verdict. */
export function imageVerdict(classes: ImageClassification, provider: string): ModerationResult {
  const sexual = Math.max(classes.Porn, classes.Hentai, classes.Sexy * 0.8);
  const findings: Finding[] = [];
  const t = imageThresholds;
  if (classes.Porn >= t.blockPorn || classes.Hentai >= t.blockHentai) {
    findings.push({
      category: "sexual",
      verdict: "block",
      score: sexual,
      message: "Explicit sexual image",
    });
  } else if (classes.Porn >= t.reviewPorn || classes.Hentai >= t.reviewHentai) {
    findings.push({
      category: "sexual",
      verdict: "review",
      score: sexual,
      message: "Possibly sexual image",
    });
  } else if (classes.Sexy >= t.reviewSexy) {
    findings.push({
      category: "sexual",
      verdict: "review",
      score: sexual,
      message: "Suggestive image",
    });
  }
  const result = combineFindings(findings, provider, []);
  return { ...result, scores: { sexual } };
}

export async function moderateImageLocally(
  input: ImageModerationInput,
  classifier: ImageClassifier,
): Promise<ModerationResult & { classes: ImageClassification }> {
  if (!(acceptedImageTypes as readonly string[]).includes(input.contentType)) {
    throw new ImageModerationError(
      "unsupported-type",
      `Unsupported image type: ${input.contentType}`,
    );
  }
  const size = classifier.inputSize;
  let decoded: { data: Buffer; info: OutputInfo };
  // Imported on the first image: processes that never see one do not load libvips.
  const { default: sharp } = await import("sharp");
  try {
    // limitInputPixels guards against decompression bombs; the model wants size × size RGB.
    decoded = await sharp(input.bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(size, size, { fit: "cover" })
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageModerationError(
      "undecodable-image",
      `The image could not be decoded: ${(error as Error).message}`,
    );
  }
  const classes = await classifier.classify({
    data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength),
    width: decoded.info.width,
    height: decoded.info.height,
  });
  return { ...imageVerdict(classes, "local:nsfwjs-mobilenet-v2"), classes };
}

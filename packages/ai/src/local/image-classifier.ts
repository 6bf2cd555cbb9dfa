/** The five nsfwjs classes, probabilities summing to ~1. */
export const nsfwClasses = ["Drawing", "Hentai", "Neutral", "Porn", "Sexy"] as const;
export type NsfwClass = (typeof nsfwClasses)[number];
export type ImageClassification = Record<NsfwClass, number>;

/** Decoded pixels → class probabilities. The default runs nsfwjs; tests may pass a stub. */
export interface ImageClassifier {
  /** RGB, 8 bits per channel, row-major, `width * height * 3` bytes. */
  classify(pixels: {
    data: Uint8Array;
    width: number;
    height: number;
  }): Promise<ImageClassification>;
  /** The side the classifier wants the image resized to (224 for MobileNetV2). */
  readonly inputSize: number;
}

import type { ImageClassification, ImageClassifier } from "../local/image-classifier.ts";

/**
 * An image classifier that answers fixed probabilities, for tests of what the product does with
 * a verdict (no model load, ~5 s on a busy machine, per test file). Pass it as
 * `createAiProviders({ imageClassifier })`; `calls` counts the images it was shown.
 */
export function fixedImageClassifier(answer: Partial<ImageClassification> = { Neutral: 1 }) {
  const state = {
    answer: {
      Drawing: 0,
      Hentai: 0,
      Neutral: 0,
      Porn: 0,
      Sexy: 0,
      ...answer,
    } as ImageClassification,
    calls: 0,
  };
  const classifier: ImageClassifier & { state: typeof state } = {
    inputSize: 224,
    state,
    async classify() {
      state.calls += 1;
      return state.answer;
    },
  };
  return classifier;
}

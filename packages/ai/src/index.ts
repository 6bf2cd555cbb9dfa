/** AI providers behind two contracts (issue #16): moderation and mentor matching. */
export * from "./contracts.ts";
export type { ImageClassification, ImageClassifier, NsfwClass } from "./local/image-classifier.ts";
export { nsfwClasses } from "./local/image-classifier.ts";
export {
  acceptedImageTypes,
  ImageModerationError,
  imageThresholds,
  imageVerdict,
} from "./local/image-moderation.ts";
export { matchWeights } from "./local/matching.ts";
export { nsfwjsLoadStats } from "./local/nsfwjs-classifier.ts";
export { maxModeratedTextLength } from "./local/text-moderation.ts";
export { openAiDefaults } from "./openai/index.ts";
export { openAiThresholds } from "./openai/moderation.ts";
export type { AiLogger, AiProviders, AiProvidersOptions, OpenAiOptions } from "./options.ts";
export { createAiProviders } from "./providers.ts";

import type { MatchingProvider, ModerationProvider } from "../contracts.ts";
import type { ImageClassifier } from "./image-classifier.ts";
import { moderateImageLocally } from "./image-moderation.ts";
import { matchLocally } from "./matching.ts";
import { nsfwjsClassifier } from "./nsfwjs-classifier.ts";
import { moderateTextLocally } from "./text-moderation.ts";

function throwIfAborted(signal?: AbortSignal) {
  signal?.throwIfAborted();
}

/** Word lists and rules for text, nsfwjs for images; no key, no network. */
export function createLocalModeration(
  options: { imageClassifier?: ImageClassifier } = {},
): ModerationProvider {
  const classifier = options.imageClassifier ?? nsfwjsClassifier();
  return {
    id: "local",
    async moderateText(input, signal) {
      throwIfAborted(signal);
      return moderateTextLocally(input);
    },
    async moderateImage(input, signal) {
      throwIfAborted(signal);
      return moderateImageLocally(input, classifier);
    },
  };
}

/** Scores the facts each candidate carries (prescore, languages, budget, free slots). */
export function createLocalMatching(): MatchingProvider {
  return {
    id: "local",
    async match(request, candidates, limit, signal) {
      throwIfAborted(signal);
      return matchLocally(request, candidates, limit);
    },
  };
}

export type { FakeModerationCategory, FakeOpenAiServer } from "./fake-openai-server.ts";
export { fakeEmbedding, startFakeOpenAiServer } from "./fake-openai-server.ts";
export { fixedImageClassifier } from "./fixed-image-classifier.ts";
export { flatImage, neutralImage, skinTone } from "./images.ts";
export { recordingLogger } from "./recording-logger.ts";

import type { MatchingProvider, ModerationProvider } from "./contracts.ts";

/** The subset of pino's logger the providers use (a pino logger fits as is). */
export type AiLogger = {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
};

export const silentLogger: AiLogger = { info() {}, warn() {}, error() {} };

export type OpenAiOptions = {
  /** OpenAI, Azure OpenAI (…/openai/v1), Ollama (http://localhost:11434/v1), vLLM. */
  baseUrl?: string;
  apiKey?: string;
  models?: {
    moderation?: string;
    embedding?: string;
    chat?: string;
  };
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  /** Retries of a failed request (429, 5xx, timeouts), by the SDK, before falling back. */
  maxRetries?: number;
  /** How many of the local ranking's best candidates the chat model re-ranks (0: no chat call). */
  rerankTop?: number;
  /**
   * Use the server's moderation endpoint (default true). Azure OpenAI, Ollama and vLLM have
   * none: set false and moderation stays local while matching uses the server.
   */
  remoteModeration?: boolean;
  /** Hand a call the remote provider failed on to the local provider (default true). */
  fallbackToLocal?: boolean;
};

export type AiProvidersOptions = {
  provider?: "local" | "openai";
  openai?: OpenAiOptions;
  logger?: AiLogger;
  /** Local image classifier; default: nsfwjs MobileNetV2 on tfjs-wasm, loaded on first use. */
  imageClassifier?: import("./local/image-classifier.ts").ImageClassifier;
};

export type AiProviders = {
  moderation: ModerationProvider;
  matching: MatchingProvider;
};

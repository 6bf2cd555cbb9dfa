import type { MatchingProvider, ModerationProvider } from "../contracts.ts";

export type RemoteFailure = "500" | "timeout";

/** What a provider's test file hands the conformance suites. */
export type AiConformanceHarness = {
  moderation: ModerationProvider;
  matching: MatchingProvider;
  /** Remote providers: make the next call to the remote fail (every retry of it). */
  failRemote?: (operation: "moderation" | "chat", failure: RemoteFailure) => void;
  /** Remote providers: how many requests reached the remote so far. */
  remoteCalls?: () => number;
  /** Warnings logged by the provider (the fallback must say why). */
  warnings: () => readonly string[];
  /** Embeddings are part of this provider's matching. */
  embeds: boolean;
  close(): Promise<void>;
};

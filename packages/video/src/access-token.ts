import { VideoProviderError } from "./errors.ts";

/** Twilio refuses access tokens living longer than 24 hours. */
export const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/**
 * The ttl as whole seconds, rounded up so the token never ends before the session does.
 * Refuses what no provider accepts (Twilio's SDK would silently turn 0 into its 1 h default).
 */
export function checkedTtlSeconds(provider: "twilio" | "local", ttlSeconds: number): number {
  const ttl = Math.ceil(ttlSeconds);
  if (!Number.isFinite(ttlSeconds) || ttl <= 0 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new VideoProviderError(
      "permanent",
      provider,
      "invalid_ttl",
      `Access token ttl must be more than 0 and at most ${MAX_TOKEN_TTL_SECONDS} s, got ${ttlSeconds}`,
    );
  }
  return ttl;
}

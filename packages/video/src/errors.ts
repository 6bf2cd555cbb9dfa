/**
 * How a failed provider call must be handled:
 * - retryable: a timeout, a network failure, 429 or 5xx. ensureRoom and completeRoom are
 *   idempotent, so calling again is always safe.
 * - permanent: the provider refused the request (4xx) or the input is invalid; do not retry.
 */
export type VideoProviderErrorKind = "retryable" | "permanent";

export class VideoProviderError extends Error {
  override name = "VideoProviderError";
  readonly kind: VideoProviderErrorKind;
  readonly provider: "twilio" | "local";
  /**
   * Stable reason: "timeout", "network", "http_<status>", "twilio_<code>" (the vendor's error
   * code), "invalid_ttl", "invalid_input".
   */
  readonly code: string;
  /** The HTTP status the provider answered, when it answered. */
  readonly status: number | undefined;

  constructor(
    kind: VideoProviderErrorKind,
    provider: "twilio" | "local",
    code: string,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.provider = provider;
    this.code = code;
    this.status = options?.status;
  }
}

export function isVideoProviderError(
  error: unknown,
  kind?: VideoProviderErrorKind,
): error is VideoProviderError {
  return error instanceof VideoProviderError && (kind === undefined || error.kind === kind);
}

/** A local access token that is forged, expired, not yet valid or malformed. */
export class LocalAccessTokenError extends Error {
  override name = "LocalAccessTokenError";
  readonly reason: "malformed" | "bad_signature" | "expired" | "not_yet_valid";

  constructor(reason: LocalAccessTokenError["reason"], message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Stable codes: clients map them to a message, logs and tests match on them. */
export type AvatarErrorCode = "AVATAR_TOO_LARGE" | "AVATAR_UNSUPPORTED_TYPE" | "AVATAR_UNREADABLE";

/** An uploaded avatar we refuse; safe to show (details hold limits, never file content). */
export class AvatarError extends Error {
  override name = "AvatarError";
  readonly code: AvatarErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(
    code: AvatarErrorCode,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.code = code;
    this.details = details;
  }
}

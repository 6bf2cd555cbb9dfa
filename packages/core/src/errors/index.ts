import { TRPCError } from "@trpc/server";

type TrpcCode = TRPCError["code"];

/**
 * Every stable error code a client may see, with the tRPC (HTTP) code it travels as. Each has a
 * message in every locale (`errors.<CODE>` in @mentora/i18n); a test keeps the two in step.
 */
export const errorCatalog = {
  BAD_REQUEST: "BAD_REQUEST",
  VALIDATION_FAILED: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  // Marketplace
  PROFILE_INCOMPLETE: "PRECONDITION_FAILED",
  ALREADY_APPLIED: "CONFLICT",
  SLOT_TAKEN: "CONFLICT",
  SLOT_UNAVAILABLE: "CONFLICT",
  SESSION_FULL: "CONFLICT",
  ALREADY_BOOKED: "CONFLICT",
  OFFERING_UNAVAILABLE: "CONFLICT",
  MENTOR_NOT_ACCEPTING: "CONFLICT",
  HOLD_EXPIRED: "CONFLICT",
  BOOKING_NOT_CANCELLABLE: "CONFLICT",
  CANCELLATION_WINDOW_PASSED: "PRECONDITION_FAILED",
  INVITATION_INVALID: "NOT_FOUND",
  INVITATION_USED: "CONFLICT",
  INVITATION_WRONG_DURATION: "CONFLICT",
  HOLD_LIMIT_REACHED: "PRECONDITION_FAILED",
  FREE_BOOKING_LIMIT_REACHED: "PRECONDITION_FAILED",
  // Payments
  INSUFFICIENT_BALANCE: "PRECONDITION_FAILED",
  BOOKING_CANCELLED: "CONFLICT",
  BOOKING_NOT_PAYABLE: "CONFLICT",
  PAYMENT_REFUSED: "PAYMENT_REQUIRED",
  GATEWAY_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  CURRENCY_NOT_SUPPORTED: "BAD_REQUEST",
  REFUND_NOT_POSSIBLE: "CONFLICT",
  WEBHOOK_NOT_REPLAYABLE: "CONFLICT",
  // Video
  VIDEO_NOT_OPEN_YET: "PRECONDITION_FAILED",
  VIDEO_SESSION_ENDED: "PRECONDITION_FAILED",
  // Payouts
  PAYOUT_METHOD_MISSING: "PRECONDITION_FAILED",
  PAYOUT_METHOD_UNAVAILABLE: "CONFLICT",
  PAYOUT_BELOW_MINIMUM: "BAD_REQUEST",
  PAYOUT_EXCEEDS_AVAILABLE: "PRECONDITION_FAILED",
  PAYOUT_STATUS_CONFLICT: "CONFLICT",
  PAYOUT_METHOD_COOLDOWN: "PRECONDITION_FAILED",
  // Avatars (the avatars module's AvatarError codes)
  AVATAR_TOO_LARGE: "BAD_REQUEST",
  AVATAR_UNSUPPORTED_TYPE: "BAD_REQUEST",
  AVATAR_UNREADABLE: "BAD_REQUEST",
  // People's data
  PASSWORD_INCORRECT: "FORBIDDEN",
  ACCOUNT_DELETION_BLOCKED: "PRECONDITION_FAILED",
  DATA_EXPORT_LIMIT: "TOO_MANY_REQUESTS",
  // Accounts
  TWO_FACTOR_REQUIRED: "FORBIDDEN",
  FRESH_SIGN_IN_REQUIRED: "FORBIDDEN",
  // Admin jobs page
  JOB_NOT_RETRYABLE: "CONFLICT",
  JOB_NOT_DELETABLE: "CONFLICT",
  // AI: moderation and matching
  MODERATION_CASE_CLOSED: "CONFLICT",
  // Realtime
  REALTIME_STREAM_LIMIT: "TOO_MANY_REQUESTS",
  // Messages (issue #15)
  CONVERSATION_CLOSED: "PRECONDITION_FAILED",
  MESSAGE_REJECTED: "BAD_REQUEST",
  ATTACHMENT_TOO_LARGE: "BAD_REQUEST",
  ATTACHMENT_UNSUPPORTED_TYPE: "BAD_REQUEST",
  ATTACHMENT_UNREADABLE: "BAD_REQUEST",
  // Payouts onboarding (issue #18)
  PAYOUT_ACCOUNT_NOT_READY: "PRECONDITION_FAILED",
  PAYOUT_EMAIL_UNVERIFIED: "PRECONDITION_FAILED",
  PAYOUT_VERIFICATION_INVALID: "BAD_REQUEST",
  PAYOUT_ONBOARDING_REQUIRED: "BAD_REQUEST",
} as const satisfies Record<string, TrpcCode>;

export type AppErrorCode = keyof typeof errorCatalog;

/** An expected failure a user may see: a stable code, and details safe to show. */
export class AppError extends Error {
  override name = "AppError";
  readonly code: AppErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, details?: Record<string, unknown>) {
    super(code);
    this.code = code;
    this.details = details;
  }
}

export function appError(code: AppErrorCode, details?: Record<string, unknown>): TRPCError {
  return new TRPCError({
    code: errorCatalog[code],
    message: code,
    cause: new AppError(code, details),
  });
}

/** The stable code of an error thrown by a procedure or service, if it carries one. */
export function errorCodeOf(error: unknown): AppErrorCode | undefined {
  if (error instanceof AppError) return error.code;
  if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause.code;
  return undefined;
}

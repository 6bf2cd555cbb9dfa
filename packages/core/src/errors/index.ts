import { TRPCError } from "@trpc/server";

/**
 * Stable codes a client can rely on. tRPC's own codes are the coarse ones; domain codes
 * (SLOT_TAKEN, BOOKING_CANCELLED, …) are added by their domains and carried in `cause`.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION_FAILED"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  | "INTERNAL_SERVER_ERROR";

type TrpcCode = TRPCError["code"];

const trpcCodeFor: Record<AppErrorCode, TrpcCode> = {
  BAD_REQUEST: "BAD_REQUEST",
  VALIDATION_FAILED: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
};

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
    code: trpcCodeFor[code],
    message: code,
    cause: new AppError(code, details),
  });
}

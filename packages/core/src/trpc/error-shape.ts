import { hasMessage, type Locale, translate } from "@mentora/i18n";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, type AppErrorCode } from "../errors/index.ts";

export interface UserFacingError {
  /** Stable code a client may branch on. */
  code: AppErrorCode | (string & {});
  /** Human message in the viewer's locale; never an internal message or a stack. */
  message: string;
  requestId: string;
  /** Per-field messages for invalid input (field path → messages). */
  fieldErrors?: Record<string, string[]>;
  details?: Record<string, unknown>;
}

function zodCause(error: TRPCError): ZodError | undefined {
  return error.cause instanceof ZodError ? error.cause : undefined;
}

/** True for failures we did not plan for: these are logged with their stack, and hidden. */
export function isUnexpected(error: unknown): boolean {
  if (!(error instanceof TRPCError)) return true;
  return error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof AppError);
}

/**
 * The one place that turns any thrown error into what a user may see: the HTTP error formatter
 * and the Remix loaders both use it, so the same failure reads the same everywhere.
 */
export function toUserFacingError(
  error: unknown,
  { locale, requestId }: { locale: Locale; requestId: string },
): UserFacingError {
  const trpcError =
    error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
  const appError = trpcError.cause instanceof AppError ? trpcError.cause : undefined;
  const zodError = zodCause(trpcError);
  let code: string = appError?.code ?? (zodError ? "VALIDATION_FAILED" : trpcError.code);
  if (isUnexpected(trpcError)) code = "INTERNAL_SERVER_ERROR";
  const key = `errors.${code}`;
  const message = hasMessage(key)
    ? translate(locale, key, messageVarsOf(appError?.details, locale))
    : translate(locale, `errors.${trpcCodeFallback(trpcError.code)}`);
  const result: UserFacingError = { code, message, requestId };
  if (zodError) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of zodError.issues) {
      const path = issue.path.join(".") || "_";
      fieldErrors[path] = [...(fieldErrors[path] ?? []), issue.message];
    }
    result.fieldErrors = fieldErrors;
  }
  if (appError?.details) result.details = appError.details;
  return result;
}

/**
 * Details a message may quote ("from {availableAt}"): text and numbers as they are, dates in the
 * viewer's language (UTC, said so). Other values are left out of the message.
 */
function messageVarsOf(
  details: Record<string, unknown> | undefined,
  locale: Locale,
): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details ?? {})) {
    if (typeof value === "string" || typeof value === "number") vars[name] = value;
    else if (value instanceof Date) {
      const text = new Intl.DateTimeFormat(locale, {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "UTC",
      }).format(value);
      vars[name] = `${text} UTC`;
    }
  }
  return vars;
}

function trpcCodeFallback(code: TRPCError["code"]): AppErrorCode {
  switch (code) {
    case "UNAUTHORIZED":
    case "FORBIDDEN":
    case "NOT_FOUND":
    case "CONFLICT":
    case "TOO_MANY_REQUESTS":
    case "BAD_REQUEST":
      return code;
    default:
      return "INTERNAL_SERVER_ERROR";
  }
}

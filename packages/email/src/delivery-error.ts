/**
 * A failed delivery. The message is built from codes only (never the server's reply, which
 * often quotes the recipient address), so it is safe to log as is.
 */
export class EmailDeliveryError extends Error {
  override name = "EmailDeliveryError";
  /** False only when sending the same message again would fail the same way (5xx, bad input). */
  readonly retryable: boolean;
  /** Nodemailer's error code, e.g. ETIMEDOUT, EENVELOPE. */
  readonly code: string | undefined;
  /** The SMTP reply code when the server answered, e.g. 421, 550. */
  readonly responseCode: number | undefined;

  constructor(
    message: string,
    details: { retryable: boolean; code?: string | undefined; responseCode?: number | undefined },
  ) {
    super(message);
    this.retryable = details.retryable;
    this.code = details.code;
    this.responseCode = details.responseCode;
  }
}

/** The fields nodemailer sets on the errors it throws (all optional, all untrusted). */
interface NodemailerFailure {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
}

// Refused before reaching the server (bad envelope, oversized, no credentials, config): the
// same message would be refused again. Anything else without a reply (network, timeout,
// unknown) is presumed transient: a wasted retry costs less than a lost email.
const permanentLocalCodes = new Set([
  "EENVELOPE",
  "EMESSAGE",
  "ESTREAM",
  "EAUTH",
  "ENOAUTH",
  "ECONFIG",
  "EREQUIRETLS",
  "EMAXRECIPIENTS",
]);

/** RFC 5321: 5yz replies are permanent, except 503 (commands out of sequence). */
function isPermanentReply(responseCode: number): boolean {
  return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}

/** The enhanced status ("5.1.1") says why without quoting the reply's free text. */
function enhancedStatus(response: unknown): string | undefined {
  if (typeof response !== "string") return undefined;
  return response.match(/^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/)?.[1];
}

/** Turns whatever nodemailer threw into an EmailDeliveryError whose message is safe to log. */
export function toEmailDeliveryError(thrown: unknown): EmailDeliveryError {
  if (thrown instanceof EmailDeliveryError) return thrown;
  const failure: NodemailerFailure = typeof thrown === "object" && thrown !== null ? thrown : {};
  const code = typeof failure.code === "string" ? failure.code : undefined;
  const responseCode = typeof failure.responseCode === "number" ? failure.responseCode : undefined;
  const retryable =
    responseCode !== undefined
      ? !isPermanentReply(responseCode)
      : !(code && permanentLocalCodes.has(code));
  // Commands are fixed words ("RCPT TO", "DATA"): keep those, never their arguments.
  const command =
    typeof failure.command === "string"
      ? failure.command.match(/^[A-Z][A-Z ]*/)?.[0]?.trim()
      : undefined;
  const parts = [
    code,
    responseCode && `reply ${responseCode}`,
    enhancedStatus(failure.response),
    command && `at ${command}`,
  ].filter(Boolean);
  const detail = parts.length > 0 ? ` (${parts.join(", ")})` : "";
  return new EmailDeliveryError(
    `Email delivery failed${detail}${retryable ? "" : ", permanently"}`,
    { retryable, code, responseCode },
  );
}

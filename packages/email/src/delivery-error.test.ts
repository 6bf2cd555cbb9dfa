import { describe, expect, it } from "vitest";
import { EmailDeliveryError, toEmailDeliveryError } from "./delivery-error.ts";

function smtpError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(`Message failed: ${String(fields.response ?? "")}`), fields);
}

describe("toEmailDeliveryError", () => {
  it("classifies SMTP replies: 4xx and 503 retryable, other 5xx permanent", () => {
    const replies = [421, 450, 451, 503, 550, 552, 554].map((responseCode) => [
      responseCode,
      toEmailDeliveryError(smtpError({ code: "EENVELOPE", responseCode })).retryable,
    ]);
    expect(replies).toEqual([
      [421, true],
      [450, true],
      [451, true],
      [503, true],
      [550, false],
      [552, false],
      [554, false],
    ]);
  });

  it("retries network failures and unknown errors, not a refused envelope", () => {
    expect(toEmailDeliveryError(smtpError({ code: "ETIMEDOUT" })).retryable).toBe(true);
    expect(toEmailDeliveryError(smtpError({ code: "ECONNECTION" })).retryable).toBe(true);
    expect(toEmailDeliveryError(new TypeError("boom")).retryable).toBe(true);
    expect(toEmailDeliveryError(smtpError({ code: "EENVELOPE" })).retryable).toBe(false);
  });

  it("keeps codes and the enhanced status but not the reply text or command arguments", () => {
    const error = toEmailDeliveryError(
      smtpError({
        code: "EENVELOPE",
        responseCode: 550,
        response: "550 5.1.1 <bob@example.test>: Recipient address rejected",
        command: "RCPT TO:<bob@example.test>",
      }),
    );
    expect(error).toBeInstanceOf(EmailDeliveryError);
    expect(error.message).toBe(
      "Email delivery failed (EENVELOPE, reply 550, 5.1.1, at RCPT TO), permanently",
    );
  });
});

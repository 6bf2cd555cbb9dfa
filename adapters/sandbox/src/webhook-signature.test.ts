import { WebhookVerificationError } from "@mentora/payment-gateway";
import { describe, expect, it } from "vitest";
import { signSandboxPayload, verifySandboxSignature } from "./webhook-signature.ts";

const secret = "whsec_unit";
const body = new TextEncoder().encode('{"id":"sandbox:x:succeeded"}');
const at = new Date("2026-03-01T10:00:00Z");

const reason = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return "accepted";
};

describe("sandbox webhook signature", () => {
  const header = signSandboxPayload(secret, body, at);

  it("has the t=<unix>,v1=<hex> shape and verifies on the exact bytes", () => {
    expect(header).toMatch(/^t=1772359200,v1=[0-9a-f]{64}$/);
    expect(reason(() => verifySandboxSignature(header, body, secret, at))).toBe("accepted");
  });

  it("refuses a tampered body", () => {
    const tampered = new TextEncoder().encode('{"id":"sandbox:y:succeeded"}');
    expect(reason(() => verifySandboxSignature(header, tampered, secret, at))).toBe(
      "bad_signature",
    );
  });

  it("refuses the wrong secret", () => {
    expect(reason(() => verifySandboxSignature(header, body, "other", at))).toBe("bad_signature");
  });

  it("refuses an old or future timestamp beyond 300 s, accepts within", () => {
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(reason(() => verifySandboxSignature(header, body, secret, later(300)))).toBe("accepted");
    expect(reason(() => verifySandboxSignature(header, body, secret, later(301)))).toBe("stale");
    expect(reason(() => verifySandboxSignature(header, body, secret, later(-301)))).toBe("stale");
  });

  it("refuses a missing or unparsable header, and a timestamp swapped into a valid signature", () => {
    expect(reason(() => verifySandboxSignature(undefined, body, secret, at))).toBe(
      "missing_signature",
    );
    expect(reason(() => verifySandboxSignature("v1=abc", body, secret, at))).toBe("bad_signature");
    const swapped = header.replace("t=1772359200", "t=1772359260");
    expect(reason(() => verifySandboxSignature(swapped, body, secret, at))).toBe("bad_signature");
  });

  it("accepts any matching v1 among several (secret rotation)", () => {
    const old = signSandboxPayload("old-secret", body, at).split(",")[1];
    expect(reason(() => verifySandboxSignature(`${header},${old}`, body, secret, at))).toBe(
      "accepted",
    );
  });
});

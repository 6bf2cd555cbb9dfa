import { describe, expect, it } from "vitest";
import { twilioVideoEnv } from "./env.ts";

const full = {
  TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`,
  TWILIO_API_KEY_SID: `SK${"b".repeat(32)}`,
  TWILIO_API_KEY_SECRET: "secret",
  TWILIO_AUTH_TOKEN: "token",
};

describe("twilioVideoEnv", () => {
  it("is null when nothing is set, so the local provider is used", () => {
    expect(twilioVideoEnv({})).toBeNull();
    expect(twilioVideoEnv({ TWILIO_ACCOUNT_SID: "  " })).toBeNull();
  });

  it("reads every variable, the base URL included", () => {
    expect(twilioVideoEnv(full)).toEqual({
      accountSid: full.TWILIO_ACCOUNT_SID,
      apiKeySid: full.TWILIO_API_KEY_SID,
      apiKeySecret: "secret",
      authToken: "token",
    });
    expect(
      twilioVideoEnv({ ...full, TWILIO_VIDEO_BASE_URL: "http://127.0.0.1:4010" })?.baseUrl,
    ).toBe("http://127.0.0.1:4010");
  });

  it("names the missing variables when only some are set", () => {
    expect(() =>
      twilioVideoEnv({ TWILIO_ACCOUNT_SID: full.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: "t" }),
    ).toThrow("TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET");
    expect(() => twilioVideoEnv({ TWILIO_VIDEO_BASE_URL: "http://127.0.0.1:1" })).toThrow(
      "TWILIO_ACCOUNT_SID, TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET, TWILIO_AUTH_TOKEN",
    );
  });

  it("refuses sids of the wrong kind", () => {
    expect(() => twilioVideoEnv({ ...full, TWILIO_API_KEY_SID: full.TWILIO_ACCOUNT_SID })).toThrow(
      "TWILIO_API_KEY_SID must start with SK",
    );
  });
});

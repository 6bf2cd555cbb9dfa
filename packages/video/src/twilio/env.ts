import type { TwilioVideoOptions } from "./twilio-provider.ts";

const REQUIRED = [
  "TWILIO_ACCOUNT_SID",
  "TWILIO_API_KEY_SID",
  "TWILIO_API_KEY_SECRET",
  "TWILIO_AUTH_TOKEN",
] as const;

/**
 * Twilio's settings from the environment. Null when none is set (the app then uses the local
 * provider); throws naming the missing variables when only some are, since a half-configured
 * Twilio is a mistake to report, not a reason to fall back silently.
 */
export function twilioVideoEnv(
  env: Readonly<Record<string, string | undefined>>,
): TwilioVideoOptions | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const missing = REQUIRED.filter((name) => !value(name));
  const baseUrl = value("TWILIO_VIDEO_BASE_URL");
  if (missing.length === REQUIRED.length && !baseUrl) return null;
  if (missing.length > 0) {
    throw new Error(
      `Twilio Video is partly configured: set ${missing.join(", ")} (or unset every TWILIO_* variable to use the local video provider)`,
    );
  }
  const accountSid = value("TWILIO_ACCOUNT_SID")!;
  const apiKeySid = value("TWILIO_API_KEY_SID")!;
  if (!accountSid.startsWith("AC")) throw new Error("TWILIO_ACCOUNT_SID must start with AC");
  if (!apiKeySid.startsWith("SK")) throw new Error("TWILIO_API_KEY_SID must start with SK");
  if (baseUrl && !URL.canParse(baseUrl)) throw new Error("TWILIO_VIDEO_BASE_URL is not a URL");
  return {
    accountSid,
    apiKeySid,
    apiKeySecret: value("TWILIO_API_KEY_SECRET")!,
    authToken: value("TWILIO_AUTH_TOKEN")!,
    ...(baseUrl ? { baseUrl } : {}),
  };
}

import { hasMessage, type MessageKey, translate } from "@mentora/i18n";
import { describe, expect, it } from "vitest";
import {
  authErrorKey,
  authErrorKeyFromResponse,
  oauthErrorKey,
  retryAfterSecondsOf,
  tooManyRequestsError,
} from "./auth-errors";
import { readCookie } from "./cookies";
import { fieldErrorsOf, signInSchema, signUpSchema } from "./forms";
import { isSameOrigin } from "./http.server";
import { partFormatterCount, zonedTimeToUtc } from "./time";
import { describeUserAgent } from "./user-agent";

describe("auth error messages", () => {
  it("maps better-auth codes to our messages and unknown codes to a generic one", () => {
    expect(authErrorKey("USER_ALREADY_EXISTS")).toBe("web.authErrors.USER_ALREADY_EXISTS");
    expect(authErrorKey("INVALID_EMAIL_OR_PASSWORD")).toBe(
      "web.authErrors.INVALID_EMAIL_OR_PASSWORD",
    );
    expect(authErrorKey("EMAIL_NOT_VERIFIED")).toBe("web.authErrors.EMAIL_NOT_VERIFIED");
    expect(authErrorKey("PASSWORD_TOO_SHORT")).toBe("web.authErrors.PASSWORD_TOO_SHORT");
    expect(authErrorKey("SOMETHING_NEW")).toBe("web.authErrors.generic");
    expect(authErrorKey(undefined, 429)).toBe("web.authErrors.TOO_MANY_REQUESTS");
  });

  it("reads the code from a failed auth response, and survives a body that is not JSON", async () => {
    const json = Response.json({ code: "EMAIL_NOT_VERIFIED" }, { status: 403 });
    expect(await authErrorKeyFromResponse(json)).toBe("web.authErrors.EMAIL_NOT_VERIFIED");
    const text = new Response("oops", { status: 500 });
    expect(await authErrorKeyFromResponse(text)).toBe("web.authErrors.generic");
  });
});

describe("too many attempts", () => {
  it("says when to try again, in whole minutes rounded up, in English and French", () => {
    const say = (seconds: number | undefined, locale: "en" | "fr" = "en") => {
      const error = tooManyRequestsError(seconds);
      return translate(locale, error.key, error.vars);
    };
    expect(say(1)).toBe("Too many attempts. Try again in 1 minute.");
    expect(say(60)).toBe("Too many attempts. Try again in 1 minute.");
    expect(say(61)).toBe("Too many attempts. Try again in 2 minutes.");
    expect(say(3600)).toBe("Too many attempts. Try again in 60 minutes.");
    expect(say(240, "fr")).toBe("Trop de tentatives. Réessayez dans 4\u00a0minutes.");
    expect(say(undefined)).toBe("Too many attempts. Please wait a moment and try again.");
  });

  it("reads Retry-After only from a 429", () => {
    const refused = new Response(null, { status: 429, headers: { "retry-after": "120" } });
    expect(retryAfterSecondsOf(refused)).toBe(120);
    expect(retryAfterSecondsOf(new Response(null, { status: 429 }))).toBeUndefined();
    const other = new Response(null, { status: 401, headers: { "retry-after": "120" } });
    expect(retryAfterSecondsOf(other)).toBeUndefined();
  });
});

describe("form validation", () => {
  it("returns one message key per invalid field, each with a translation", () => {
    const result = signUpSchema.safeParse({ name: " ", email: "nope", password: "short" });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrorsOf<"name" | "email" | "password">(result.error);
    expect(errors).toEqual({
      name: "web.form.required",
      email: "web.form.invalidEmail",
      password: "web.form.passwordTooShort",
    });
    for (const key of Object.values(errors)) {
      expect(hasMessage(String(key)), String(key)).toBe(true);
      expect(translate("fr", key as MessageKey)).not.toBe(translate("en", key as MessageKey));
    }
  });

  it("trims the email and accepts a valid sign-in", () => {
    expect(signInSchema.parse({ email: " ada@example.com ", password: "x" }).email).toBe(
      "ada@example.com",
    );
  });
});

describe("CSRF guard", () => {
  const trusted = ["http://localhost:3000"];
  const post = (headers: Record<string, string>) =>
    new Request("http://localhost:3000/sign-in", { method: "POST", headers });

  it("accepts our own origin and requests without Origin that do not say cross-site", () => {
    expect(isSameOrigin(post({ origin: "http://localhost:3000" }), trusted)).toBe(true);
    expect(isSameOrigin(post({}), trusted)).toBe(true);
  });

  it("refuses a foreign origin and a cross-site navigation", () => {
    expect(isSameOrigin(post({ origin: "https://evil.example" }), trusted)).toBe(false);
    expect(isSameOrigin(post({ "sec-fetch-site": "cross-site" }), trusted)).toBe(false);
  });
});

describe("small helpers", () => {
  it("reads one cookie", () => {
    expect(readCookie("a=1; mentora_locale=fr; b=2", "mentora_locale")).toBe("fr");
    expect(readCookie("a=1", "mentora_locale")).toBeUndefined();
    expect(readCookie(null, "a")).toBeUndefined();
  });

  it("names a device from its user agent", () => {
    const chrome =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36";
    expect(describeUserAgent(chrome)).toBe("Chrome · Linux");
    expect(describeUserAgent(null)).toBeNull();
  });
});

describe("oauthErrorKey", () => {
  it("names each refusal a Google sign-in can come back with", () => {
    expect(oauthErrorKey("account_not_linked")).toBe("web.authErrors.OAUTH_ACCOUNT_NOT_LINKED");
    expect(oauthErrorKey("email_not_verified_by_provider")).toBe(
      "web.authErrors.OAUTH_EMAIL_NOT_VERIFIED",
    );
    expect(oauthErrorKey("access_denied")).toBe("web.authErrors.OAUTH_CANCELLED");
  });
  it("never shows a crafted value: unknown codes get the generic message", () => {
    expect(oauthErrorKey("<script>alert(1)</script>")).toBe("web.authErrors.OAUTH_GENERIC");
    expect(oauthErrorKey(null)).toBeNull();
  });
});

describe("time zone formatters", () => {
  it("stay bounded however many spellings of a zone requests send, and convert each right", () => {
    for (let n = 0; n < 2_000; n += 1) {
      // Any case of "europe/paris" is the same zone to Intl: 2^11 distinct strings.
      const zone = [..."europe/paris"].map((c, i) => ((n >> i) & 1 ? c.toUpperCase() : c)).join("");
      expect(zonedTimeToUtc("2026-07-01", 9 * 60, zone).toISOString()).toBe(
        "2026-07-01T07:00:00.000Z",
      );
    }
    expect(partFormatterCount()).toBeLessThanOrEqual(300);
  });
});

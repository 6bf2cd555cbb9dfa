import { translate } from "@mentora/i18n";
import { describe, expect, it } from "vitest";
import { renderResetPassword } from "./reset-password.ts";
import { renderVerifyEmail } from "./verify-email.ts";

const url = "https://app.mentora.test/verify?token=abc&callbackURL=/welcome";
const templates = [
  ["verifyEmail", renderVerifyEmail],
  ["resetPassword", renderResetPassword],
] as const;

describe.each(templates)("%s", (key, render) => {
  it("takes its subject from i18n, in the recipient's language", () => {
    const english = render({ locale: "en", name: "Ada", url });
    const french = render({ locale: "fr", name: "Ada", url });
    expect(english.subject).toBe(translate("en", `email.${key}.subject`, { appName: "Mentora" }));
    expect(french.subject).toBe(translate("fr", `email.${key}.subject`, { appName: "Mentora" }));
    expect(french.subject).not.toBe(english.subject);
    expect(french.html).toContain('<html lang="fr">');
    expect(french.text).toContain("Bonjour Ada,");
    expect(french.text).toContain(translate("fr", `email.${key}.ignore`, { appName: "Mentora" }));
  });

  it("greets by name, links to the URL and says what to do if it was not them", () => {
    const email = render({ locale: "en", name: "Ada", url });
    expect(email.text).toContain("Hi Ada,");
    expect(email.text).toContain(url);
    expect(email.text).toContain(translate("en", `email.${key}.ignore`, { appName: "Mentora" }));
    expect(email.html).toContain(
      'href="https://app.mentora.test/verify?token=abc&amp;callbackURL=/welcome"',
    );
    expect(email.html).toContain(`>${translate("en", `email.${key}.action`)}</a>`);
    expect(email.html).toContain("<h1");
  });

  it("escapes the name in html and keeps it readable in text", () => {
    const name = "<script>alert(1)</script>";
    const email = render({ locale: "en", name, url });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("Hi &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(email.text).toContain(`Hi ${name},`);
  });

  it("falls back to a greeting without a name when the name is blank", () => {
    expect(render({ locale: "fr", name: "  ", url }).text).toContain("Bonjour,");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "/relative/path",
  ])("refuses the link %s", (badUrl) => {
    expect(() => render({ locale: "en", name: "Ada", url: badUrl })).toThrow(/http\(s\)/);
  });
});

import { describe, expect, it } from "vitest";
import {
  createTranslator,
  createTreeTranslator,
  hasMessage,
  messages,
  namespaceOf,
  namespaces,
  negotiateLocale,
  pickMessages,
  translate,
} from "./index.ts";

function leafKeys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

describe("negotiateLocale", () => {
  it("prefers the profile's locale over the browser", () => {
    expect(negotiateLocale({ profileLocale: "fr", acceptLanguage: "en-US" })).toBe("fr");
  });
  it("ranks Accept-Language by quality and matches regional tags to their language", () => {
    expect(negotiateLocale({ acceptLanguage: "de-DE;q=0.9, fr-CA;q=0.8, en;q=0.5" })).toBe("fr");
    expect(negotiateLocale({ acceptLanguage: "fr;q=0.4, en-GB;q=0.7" })).toBe("en");
  });
  it("falls back to English for unknown or missing languages and bad profile values", () => {
    expect(negotiateLocale({ profileLocale: "xx", acceptLanguage: "de, ja" })).toBe("en");
    expect(negotiateLocale({})).toBe("en");
  });
});

describe("translate", () => {
  it("returns the locale's string and interpolates placeholders", () => {
    expect(translate("fr", "errors.FORBIDDEN")).toContain("autorisé");
    expect(createTranslator("en")("errors.UNAUTHORIZED")).toBe("Please sign in to continue.");
  });
  it("knows which runtime strings are message keys", () => {
    expect(hasMessage("errors.NOT_FOUND")).toBe(true);
    expect(hasMessage("errors.NOPE")).toBe(false);
  });
  it("has the same keys in every locale, none empty", () => {
    const english = leafKeys(messages.en).sort();
    expect(leafKeys(messages.fr).sort()).toEqual(english);
    for (const key of english) {
      expect(translate("fr", key as never).trim(), key).not.toBe("");
    }
  });
});

describe("stale texts", () => {
  it("promises nothing the app already does (online payment, invoices)", () => {
    const stale = /coming soon|available soon|arrive bientôt|bientôt disponible/i;
    for (const locale of ["en", "fr"] as const) {
      for (const key of leafKeys(messages[locale])) {
        expect(translate(locale, key as never), `${locale}:${key}`).not.toMatch(stale);
      }
    }
  });
});

describe("pickMessages", () => {
  it("sends only the asked namespaces, in one locale", () => {
    const tree = pickMessages("fr", ["common", "web.errorPage"]);
    expect(Object.keys(tree).sort()).toEqual(["common", "web"]);
    expect(Object.keys(tree.web as object)).toEqual(["errorPage"]);
    const t = createTreeTranslator(tree);
    expect(t("web.errorPage.goHome")).toBe(translate("fr", "web.errorPage.goHome"));
    expect(t("common.appName")).toBe("Mentora");
    // A namespace not sent shows its key: visible in tests, never blank.
    expect(t("web.adminPayments.title")).toBe("web.adminPayments.title");
    expect(JSON.stringify(tree)).not.toContain(translate("en", "web.errorPage.goHome"));
  });

  it("answers the same tree again, each locale its own (a namespace is merged once per locale)", () => {
    const first = pickMessages("fr", ["web.errorPage"]);
    const again = pickMessages("fr", ["web.errorPage", "common"]);
    expect(again.web).toEqual(first.web);
    const english = createTreeTranslator(pickMessages("en", ["web.errorPage"]));
    expect(english("web.errorPage.goHome")).toBe(translate("en", "web.errorPage.goHome"));
    expect(createTreeTranslator(again)("web.errorPage.goHome")).toBe(
      translate("fr", "web.errorPage.goHome"),
    );
  });

  it("lists every namespace, web ones by area", () => {
    const all = namespaces();
    expect(all).toEqual(expect.arrayContaining(["common", "errors", "email", "web.adminPayments"]));
    expect(all).not.toContain("web");
    expect(namespaceOf("web.adminPayments.title")).toBe("web.adminPayments");
    expect(namespaceOf("errors.NOT_FOUND")).toBe("errors");
  });
});

import { describe, expect, it } from "vitest";
import type { TextModerationInput } from "../contracts.ts";
import { moderateTextLocally } from "./text-moderation.ts";

const profile = (text: string, language?: string): TextModerationInput => ({
  text,
  context: "profile",
  language,
});

describe("local text moderation", () => {
  it.each([
    ["I help junior developers ship their first TypeScript project.", "en"],
    ["J'accompagne les développeuses juniors sur leur premier projet TypeScript.", "fr"],
    ["Conseil en culture d'entreprise, consultante à Paris, 10 ans d'expérience.", "fr"],
    ["Scunthorpe-based analyst; I assess classic data pipelines.", "en"],
    ["Signal processing and Instagram marketing, line management since 2015-2020.", "en"],
  ])("clean text allows: %s", (text, language) => {
    const result = moderateTextLocally(profile(text, language));
    expect(result.reasons).toEqual([]);
    expect(result.verdict).toBe("allow");
    expect(result.provider).toBe("local");
    expect(result.scores.hate).toBe(0);
  });

  it("an English slur blocks, with a masked message and the span", () => {
    const text = "Great mentor, not a fag at all";
    const result = moderateTextLocally(profile(text));
    expect(result.verdict).toBe("block");
    const [reason] = result.reasons;
    expect(reason?.category).toBe("hate");
    expect(reason?.message).not.toContain("fag");
    expect(reason?.span && text.slice(...reason.span)).toBe("fag");
  });

  it("French insults and slurs block through accents, case and repeated letters", () => {
    for (const text of [
      "Quel ENCULLÉÉ ce client",
      "sale pédé",
      "espèce de Salooope",
      "fils de pute",
    ]) {
      const result = moderateTextLocally(profile(text, "fr"));
      expect(result.verdict, text).toBe("block");
    }
    const slur = moderateTextLocally(profile("c'est une gouine", "fr"));
    expect(slur.reasons.map((r) => r.category)).toContain("hate");
  });

  it("mild French profanity goes to review, not block", () => {
    const result = moderateTextLocally(profile("Putain, que j'aime le Rust", "fr"));
    expect(result.verdict).toBe("review");
    expect(result.reasons[0]?.category).toBe("profanity");
  });

  it("adult platforms block, with or without a link", () => {
    for (const text of [
      "More on https://onlyfans.com/jane",
      "retrouvez-moi sur mym.fans/jane",
      "check my 0nly fans",
      "Abonnez-vous à mon Fansly",
    ]) {
      const result = moderateTextLocally(profile(text));
      expect(result.verdict, text).toBe("block");
      expect(result.reasons[0]?.category, text).toBe("solicitation");
    }
  });

  it("solicitation phrases: EN and FR block, invitations off the platform go to review", () => {
    expect(moderateTextLocally(profile("DM me for exclusive content")).verdict).toBe("block");
    expect(moderateTextLocally(profile("Photos dénudées sur demande", "fr")).verdict).toBe("block");
    expect(moderateTextLocally(profile("Vidéos coquines en privé", "fr")).verdict).toBe("block");
    // Harmless creators sell "exclusive content" too: a human looks.
    expect(moderateTextLocally(profile("Photos privées sur demande", "fr")).verdict).toBe("review");
    expect(
      moderateTextLocally(profile("Exclusive content for my Patreon cooking club")).verdict,
    ).toBe("review");
    expect(moderateTextLocally(profile("Rencontres coquines possibles", "fr")).verdict).toBe(
      "block",
    );
    const off = moderateTextLocally({
      text: "Écrivez-moi en privé pour les tarifs",
      context: "message",
      language: "fr",
    });
    expect(off.verdict).toBe("review");
    expect(off.reasons[0]?.category).toBe("solicitation");
  });

  it("contact details block in a public profile and are allowed in a private message", () => {
    for (const text of [
      "Appelez-moi au 06 12 34 56 78",
      "Call me: +1 415 555 2671",
      "jane.doe@example.com",
      "jane (at) example (dot) com",
      "jane arobase example point fr",
    ]) {
      const result = moderateTextLocally(profile(text, "fr"));
      expect(result.verdict, text).toBe("block");
      expect(
        result.reasons.every((r) => r.category === "contact-details"),
        text,
      ).toBe(true);
      const message = moderateTextLocally({ text, context: "message", language: "fr" });
      expect(message.verdict, text).toBe("allow");
      expect(message.scores["contact-details"], text).toBeGreaterThan(0);
    }
    const handle = moderateTextLocally(profile("whatsapp: jane_doe_42"));
    expect(handle.verdict).toBe("review");
  });

  it("the strictest finding decides and every finding is a reason", () => {
    const result = moderateTextLocally(
      profile("merde, écrivez-moi: jane@example.com, onlyfans.com/jane", "fr"),
    );
    expect(result.verdict).toBe("block");
    expect(new Set(result.reasons.map((r) => r.category))).toEqual(
      new Set(["profanity", "contact-details", "solicitation"]),
    );
    expect(result.scores.solicitation).toBeGreaterThan(0.9);
  });
});

describe("local text moderation on hostile input", () => {
  it("stays linear on long runs that used to backtrack, and reports a bounded number of reasons", () => {
    const inputs = [
      "a".repeat(50_000),
      "a.".repeat(25_000),
      `a@b${".b".repeat(24_000)}!`,
      "1".repeat(50_000),
      "fuck ".repeat(10_000),
      "@abc ".repeat(10_000),
    ];
    for (const text of inputs) {
      const result = moderateTextLocally({ text, context: "profile" });
      expect(result.reasons.length, text.slice(0, 10)).toBeLessThanOrEqual(100);
    }
  });

  it("text past the checked length goes to review instead of passing unread", () => {
    const result = moderateTextLocally({
      text: `${"Hello there. ".repeat(4_000)}onlyfans`,
      context: "profile",
    });
    expect(result.verdict).toBe("review");
    expect(result.reasons.map((r) => r.category)).toEqual(["spam"]);
  });
});

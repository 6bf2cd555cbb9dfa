import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ModerationResult, TextModerationInput } from "../contracts.ts";
import { moderationCategories } from "../contracts.ts";
import { ImageModerationError } from "../local/image-moderation.ts";
import { neutralImage } from "../testing/images.ts";
import type { AiConformanceHarness } from "./harness.ts";

function expectWellFormed(result: ModerationResult) {
  expect(["allow", "review", "block"]).toContain(result.verdict);
  expect(result.provider.length).toBeGreaterThan(0);
  for (const [category, score] of Object.entries(result.scores)) {
    expect(moderationCategories as readonly string[]).toContain(category);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  expect(result.reasons.length === 0).toBe(result.verdict === "allow");
  for (const reason of result.reasons) {
    expect(moderationCategories as readonly string[]).toContain(reason.category);
    expect(reason.message.length).toBeGreaterThan(0);
  }
}

const profile = (text: string, language: string): TextModerationInput => ({
  text,
  context: "profile",
  language,
});

/** The behaviour every ModerationProvider must have. */
export function runModerationConformance(
  name: string,
  setup: () => Promise<AiConformanceHarness>,
  options: { remote: boolean },
) {
  describe(`${name}: ModerationProvider conformance`, () => {
    let h: AiConformanceHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h?.close();
    });

    it("clean English and French profiles allow", async () => {
      for (const input of [
        profile(
          "Staff engineer. I review TypeScript code and help you prepare system design interviews.",
          "en",
        ),
        profile(
          "Consultante en culture d'entreprise, je vous aide à préparer vos entretiens.",
          "fr",
        ),
      ]) {
        const result = await h.moderation.moderateText(input);
        expectWellFormed(result);
        expect(result.verdict, input.text).toBe("allow");
      }
    });

    it("a slur blocks, in English and in French, as hate", async () => {
      for (const input of [
        profile("Do not book him, he is a fag", "en"),
        profile("Ce coach est une tapette", "fr"),
      ]) {
        const result = await h.moderation.moderateText(input);
        expectWellFormed(result);
        expect(result.verdict, input.text).toBe("block");
        expect(
          result.reasons.map((r) => r.category),
          input.text,
        ).toContain("hate");
        expect(result.scores.hate, input.text).toBeGreaterThan(0.5);
      }
    });

    it("a phone number or an e-mail address in a public profile is not allowed", async () => {
      for (const input of [
        profile("Réservez directement au 06 12 34 56 78", "fr"),
        profile("Write to jane.doe@example.com for a discount", "en"),
      ]) {
        const result = await h.moderation.moderateText(input);
        expectWellFormed(result);
        expect(["review", "block"], input.text).toContain(result.verdict);
        expect(
          result.reasons.map((r) => r.category),
          input.text,
        ).toContain("contact-details");
      }
    });

    it("a link to an adult platform blocks as solicitation", async () => {
      const result = await h.moderation.moderateText(
        profile("Exclusive content on onlyfans.com/jane", "en"),
      );
      expectWellFormed(result);
      expect(result.verdict).toBe("block");
      expect(result.reasons.map((r) => r.category)).toContain("solicitation");
    });

    it("a generated neutral image allows; an unsupported type is refused with a stable code", async () => {
      const result = await h.moderation.moderateImage({
        bytes: await neutralImage("png"),
        contentType: "image/png",
        context: "avatar",
      });
      expectWellFormed(result);
      expect(result.verdict).toBe("allow");
      expect(result.scores.sexual ?? 0).toBeLessThan(0.3);
      const refused = h.moderation.moderateImage({
        bytes: await neutralImage("png"),
        contentType: "image/svg+xml",
        context: "avatar",
      });
      await expect(refused).rejects.toBeInstanceOf(ImageModerationError);
      await expect(refused).rejects.toMatchObject({ code: "unsupported-type" });
    });

    it("an aborted call is not answered", async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        h.moderation.moderateText(profile("hello", "en"), controller.signal),
      ).rejects.toBeDefined();
    });

    // A local provider has no remote to fall back from.
    for (const failure of options.remote ? (["500", "timeout"] as const) : []) {
      it(`the remote failing (${failure}) falls back to the local provider, logged`, async () => {
        expect(h.failRemote).toBeDefined();
        h.failRemote?.("moderation", failure);
        const before = h.remoteCalls?.() ?? 0;
        const result = await h.moderation.moderateText(
          profile("Do not book him, he is a fag", "en"),
        );
        expectWellFormed(result);
        expect(result.verdict).toBe("block");
        expect(result.provider).toBe("local");
        expect((h.remoteCalls?.() ?? 0) - before).toBeGreaterThan(0);
        expect(h.warnings().some((w) => w.includes("local provider answered"))).toBe(true);
        // The remote is back: the next call is answered by it again.
        const next = await h.moderation.moderateText(profile("Clean and kind", "en"));
        expect(next.provider).not.toBe("local");
        expect(next.verdict).toBe("allow");
      });
    }
  });
}

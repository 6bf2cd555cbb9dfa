import { describe, expect, it } from "vitest";
import { evaluateModeration } from "../../eval/evaluate-moderation.ts";
import { moderationSet } from "../../eval/moderation-set.ts";
import { createLocalModeration } from "./index.ts";

describe("the moderation evaluation set (pnpm eval:moderation)", () => {
  it("covers French and English, clean and violating, profiles and messages", () => {
    const languages = new Set(moderationSet.map((c) => c.language));
    expect(languages).toEqual(new Set(["en", "fr"]));
    for (const language of ["en", "fr"]) {
      for (const flag of [true, false]) {
        expect(
          moderationSet.filter((c) => c.language === language && c.flag === flag).length,
        ).toBeGreaterThanOrEqual(9);
      }
    }
  });

  it("the local provider misses no violation; its one known false positive goes to review", async () => {
    const result = await evaluateModeration(createLocalModeration(), moderationSet);
    expect(result.falseNegatives).toEqual([]);
    // A first name a word list cannot tell from the insult: review, a human clears it.
    expect(result.falsePositives.map((f) => f.text)).toEqual([
      "Athletics coach: the Dick Fosbury flop, sprint starts, recovery.",
    ]);
    expect(result.recall).toBe(1);
    expect(result.precision).toBeGreaterThan(0.95);
  });
});

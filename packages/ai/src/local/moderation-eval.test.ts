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

  it("the local provider misses no violation and flags no clean text of the set", async () => {
    const result = await evaluateModeration(createLocalModeration(), moderationSet);
    expect(result.falseNegatives).toEqual([]);
    expect(result.falsePositives).toEqual([]);
    expect(result.precision).toBe(1);
    expect(result.recall).toBe(1);
  });
});

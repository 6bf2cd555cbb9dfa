import type { ModerationProvider } from "../src/contracts.ts";
import type { ModerationCase } from "./moderation-set.ts";

export type ModerationEvaluation = {
  cases: number;
  precision: number;
  recall: number;
  falsePositives: { text: string; reasons: string[] }[];
  falseNegatives: { text: string; note?: string }[];
};

/** Flagged = review or block. Precision: flagged ones that should be; recall: violations caught. */
export async function evaluateModeration(
  provider: ModerationProvider,
  set: readonly ModerationCase[],
): Promise<ModerationEvaluation> {
  let truePositives = 0;
  const falsePositives: ModerationEvaluation["falsePositives"] = [];
  const falseNegatives: ModerationEvaluation["falseNegatives"] = [];
  for (const { flag, note, ...input } of set) {
    const result = await provider.moderateText(input);
    const flagged = result.verdict !== "allow";
    if (flagged && flag) truePositives += 1;
    if (flagged && !flag)
      falsePositives.push({ text: input.text, reasons: result.reasons.map((r) => r.message) });
    if (!flagged && flag) falseNegatives.push({ text: input.text, note });
  }
  const flaggedCount = truePositives + falsePositives.length;
  const violations = set.filter((c) => c.flag).length;
  return {
    cases: set.length,
    precision: flaggedCount === 0 ? 1 : truePositives / flaggedCount,
    recall: violations === 0 ? 1 : truePositives / violations,
    falsePositives,
    falseNegatives,
  };
}

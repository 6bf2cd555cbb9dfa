import type {
  ModerationCategory,
  ModerationReason,
  ModerationResult,
  ModerationVerdict,
} from "../contracts.ts";

/** A reason with the verdict it calls for on its own. */
export type Finding = ModerationReason & { verdict: ModerationVerdict };

const rank: Record<ModerationVerdict, number> = { allow: 0, review: 1, block: 2 };

/** The strictest finding decides; scores are the highest per category. */
export function combineFindings(
  findings: readonly Finding[],
  provider: string,
  scored: readonly ModerationCategory[],
): ModerationResult {
  const scores: Partial<Record<ModerationCategory, number>> = {};
  for (const category of scored) scores[category] = 0;
  let verdict: ModerationVerdict = "allow";
  for (const finding of findings) {
    scores[finding.category] = Math.max(scores[finding.category] ?? 0, finding.score);
    if (rank[finding.verdict] > rank[verdict]) verdict = finding.verdict;
  }
  const reasons = findings
    .filter((finding) => finding.verdict !== "allow")
    .map(({ verdict: _verdict, ...reason }) => reason);
  return { verdict, scores, reasons, provider };
}

export function stricter(a: ModerationVerdict, b: ModerationVerdict): ModerationVerdict {
  return rank[a] >= rank[b] ? a : b;
}

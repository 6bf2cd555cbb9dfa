import type { ModerationCategory, ModerationResult, TextModerationInput } from "../contracts.ts";
import { findProfanity } from "./profanity.ts";
import { findRuleViolations } from "./rules.ts";
import { combineFindings } from "./verdict.ts";

export const localTextCategories: readonly ModerationCategory[] = [
  "hate",
  "sexual",
  "profanity",
  "harassment",
  "violence",
  "solicitation",
  "contact-details",
  "spam",
];

/** A profile or a message is far shorter; past this, a human looks at what was not read. */
export const maxModeratedTextLength = 50_000;

export function moderateTextLocally(input: TextModerationInput): ModerationResult {
  const text = input.text.slice(0, maxModeratedTextLength);
  const findings = [
    ...findProfanity(text, input.language),
    ...findRuleViolations({ ...input, text }),
  ];
  if (input.text.length > text.length) {
    findings.push({
      category: "spam",
      verdict: "review",
      score: 0.5,
      message: `Text too long to check automatically (over ${maxModeratedTextLength} characters)`,
      span: [text.length, input.text.length],
    });
  }
  findings.sort((a, b) => (a.span?.[0] ?? 0) - (b.span?.[0] ?? 0));
  return combineFindings(findings, "local", localTextCategories);
}

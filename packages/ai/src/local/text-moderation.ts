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
];

/** Longer texts are cut: a profile or a message is far shorter, and matching is linear. */
export const maxModeratedTextLength = 20_000;

export function moderateTextLocally(input: TextModerationInput): ModerationResult {
  const text = input.text.slice(0, maxModeratedTextLength);
  const findings = [...findProfanity(text), ...findRuleViolations({ ...input, text })];
  findings.sort((a, b) => (a.span?.[0] ?? 0) - (b.span?.[0] ?? 0));
  return combineFindings(findings, "local", localTextCategories);
}

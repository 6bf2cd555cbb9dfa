import type { ModerationResult } from "@mentora/ai";
import type { AppServices } from "../app/types.ts";

/**
 * The moderation hook point for messages, backed by the configured AI moderation provider
 * (`services.ai.moderation`, issue #16). The text is checked on every send, before the message
 * is stored:
 * - "allow": sent as is;
 * - "review": sent, and put in the admins' report queue (source MODERATION);
 * - "block": refused with MESSAGE_REJECTED, nothing stored.
 * An attached image is checked later, in the worker (moderate-attachment.job.ts): the image
 * model never loads in the web process, and the image is withheld until it is allowed.
 * Messages keep their own report queue (/admin/message-reports, decision 035): no moderation case
 * is opened for a message.
 */
export type MessageModerationVerdict = "allow" | "review" | "block";

export interface MessageModerationInput {
  text: string;
  senderId: string;
  conversationId: string;
}

export interface MessageModerationResult {
  verdict: MessageModerationVerdict;
  /** Shown to admins with a "review" report. */
  reason?: string;
}

export type ModerateMessage = (input: MessageModerationInput) => Promise<MessageModerationResult>;

/** What the admins read for a non-allow verdict: the part, the categories found, the provider. */
export function reasonOf(part: "text" | "image", result: ModerationResult): string {
  const categories = [...new Set(result.reasons.map((r) => r.category))].join(", ");
  return `${part}: ${categories || result.verdict} (${result.provider})`;
}

/** The hook itself: the text (when there is any) is checked in the "message" context. */
export async function moderateMessage(
  services: Pick<AppServices, "ai">,
  input: MessageModerationInput,
): Promise<MessageModerationResult> {
  if (!input.text.trim()) return { verdict: "allow" };
  const result = await services.ai.moderation.moderateText({
    text: input.text,
    context: "message",
  });
  const verdict: MessageModerationVerdict = result.verdict;
  if (verdict === "allow") return { verdict };
  return { verdict, reason: reasonOf("text", result) };
}

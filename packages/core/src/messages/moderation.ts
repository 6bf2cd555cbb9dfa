/**
 * The moderation hook point for messages (issue #16 fills it with its ModerationProvider from
 * @mentora/ai). Called on every send, before the message is stored:
 * - "allow": sent as is;
 * - "review": sent, and put in the admins' report queue (source MODERATION);
 * - "block": refused with MESSAGE_REJECTED, nothing stored.
 * Until the AI issue lands every message is allowed, and recipients report what slips through.
 */
export type MessageModerationVerdict = "allow" | "review" | "block";

export interface MessageModerationInput {
  text: string;
  /** Present when the message carries an image (already re-encoded). */
  image?: { bytes: Uint8Array; contentType: "image/webp" };
  senderId: string;
  conversationId: string;
}

export interface MessageModerationResult {
  verdict: MessageModerationVerdict;
  /** Shown to admins with a "review" report. */
  reason?: string;
}

export type ModerateMessage = (input: MessageModerationInput) => Promise<MessageModerationResult>;

/** The hook itself: allows everything until the AI issue's provider is plugged in here. */
export const moderateMessage: ModerateMessage = async () => ({ verdict: "allow" });

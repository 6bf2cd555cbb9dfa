/**
 * Messages (issue #15, decision 035): a conversation per booking between its mentor and its
 * mentee, read receipts, image attachments, reports to admins and the moderation hook.
 * trpc/router.ts mounts ./router.ts; admin/router.ts mounts ./admin/router.ts.
 */
export {
  ATTACHMENT_KEY_PREFIX,
  maxAttachmentBytes,
  processAttachment,
} from "./attachments.ts";
export {
  closeAfterCancellationDays,
  conversationClosesAt,
  openConversation,
} from "./conversations.ts";
export { messageReported, messageSent } from "./events.ts";
export { moderateAttachmentQueue } from "./moderate-attachment.queue.ts";
export {
  type MessageModerationInput,
  type MessageModerationResult,
  type ModerateMessage,
  moderateMessage,
} from "./moderation.ts";
export {
  deleteUnreferencedAttachments,
  eraseMessagesOf,
  messagesWrittenBy,
} from "./people-data.ts";
export { attachmentPath } from "./read-conversation.ts";
export { messageAttachmentForContext } from "./reports.ts";
export { medianFirstReplySeconds } from "./response-time.ts";
export { maxMessageLength, sendMessage } from "./send-message.ts";

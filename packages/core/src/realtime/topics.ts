/**
 * What a realtime message is about; `ref` is the id of that thing (issue #15). A page listens to
 * the topics it shows and re-reads the thing by id with the viewer's rights. Append new topics.
 */
export const realtimeTopics = [
  // a notification row was created or changed (ref: notification id)
  "notification",
  // a conversation got a message, a read receipt or a typing signal (ref: conversation id)
  "conversation",
  // a payment's status changed (ref: payment id)
  "payment",
  // a booking was created, confirmed, cancelled or moved (ref: booking id)
  "booking",
  // someone joined or left a session's call (ref: video session id)
  "presence",
  // admins: the payout approval queue changed (ref: payout id)
  "admin.payouts",
  // admins: a webhook failed or was retried (ref: webhook event id)
  "admin.webhooks",
  // a new entry in the person's activity feed (ref: domain event id)
  "activity",
] as const;

export type RealtimeTopic = (typeof realtimeTopics)[number];

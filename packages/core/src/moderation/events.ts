import { z } from "zod";
import { defineEvent } from "../events/index.ts";

const subject = z.enum(["PROFILE_TEXT", "AVATAR", "MENTOR_APPLICATION", "MESSAGE"]);

/**
 * Moderation queued a case for the admins (a `review` or `block` verdict). The admins'
 * "moderation" notification reacts to it (wired in app/subscriptions.ts).
 */
export const moderationCaseOpened = defineEvent({
  type: "moderation.case-opened",
  version: 1,
  schema: z.object({
    caseId: z.string(),
    subject,
    verdict: z.enum(["REVIEW", "BLOCK"]),
    authorId: z.string(),
  }),
  key: (data) => [data.caseId],
});

/**
 * An admin approved or rejected a case from the moderation queue: its author is told in the app
 * (their notice e-mail is sent by moderation itself). Not recorded for a mentor application's
 * case closed with the application decision, which has its own notification.
 */
export const moderationCaseDecided = defineEvent({
  type: "moderation.case-decided",
  version: 1,
  schema: z.object({
    caseId: z.string(),
    subject,
    status: z.enum(["APPROVED", "REJECTED"]),
    authorId: z.string(),
  }),
  key: (data) => [data.caseId],
});

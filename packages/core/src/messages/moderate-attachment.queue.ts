import { z } from "zod";
import { defineQueue } from "../jobs/define.ts";

/** What producers send; `moderateAttachmentJob` in moderate-attachment.job.ts handles it. */
export const moderateAttachmentQueue = defineQueue({
  name: "message.moderate-attachment",
  schema: z.object({ messageId: z.string() }),
  queue: { policy: "standard", retryLimit: 5, retryDelay: 15, retryBackoff: true },
});

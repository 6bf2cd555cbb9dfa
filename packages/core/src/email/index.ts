// The send-email job lives in core (it runs on the job runner); transports and templates are
// @mentora/email's.

export { emailDeadLetterQueue, sendEmailQueue } from "./send-email.queue.ts";

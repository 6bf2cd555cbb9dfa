import type { JobWithMetadata } from "pg-boss";
import type { z } from "zod";
import type { App } from "../../app/index.ts";
import { sendEmailQueue } from "../../email/index.ts";
import { createQueues } from "../../jobs/index.ts";
import { createTestApp } from "../../testing/index.ts";
import { bookingNotifyQueue } from "../notifications/booking-notify.queue.ts";
import { bookingReminderQueue } from "../notifications/booking-reminder.queue.ts";

/** Job data as stored: attachments already base64. */
export type StoredEmailJob = JobWithMetadata<z.output<typeof sendEmailQueue.schema>>;

/** A test App whose pg-boss also has the booking queues (jobs/index.ts may not list them yet). */
export async function createNotificationTestApp(): Promise<App> {
  const app = await createTestApp();
  await createQueues(app.boss, [bookingNotifyQueue, bookingReminderQueue]);
  return app;
}

/** The `email.send` jobs queued for these addresses, in any state. */
export async function queuedEmails(app: App, ...to: string[]): Promise<StoredEmailJob[]> {
  const jobs = (await app.boss.findJobs(sendEmailQueue.name)) as StoredEmailJob[];
  return jobs.filter((job) => to.includes(job.data.to));
}

/** The text of an email job's .ics attachment. */
export function icsOf(job: StoredEmailJob): string {
  const attachment = job.data.attachments?.find((file) => file.filename.endsWith(".ics"));
  if (!attachment) throw new Error(`no .ics attached to the email to ${job.data.to}`);
  return Buffer.from(attachment.contentBase64, "base64").toString("utf8");
}

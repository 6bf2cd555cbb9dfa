import { escapeHtml } from "@mentora/email";
import { postAlertWebhook } from "@mentora/telemetry";
import type { AppServices } from "../app/types.ts";
import { sendEmailQueue } from "../email/index.ts";
import { enqueue } from "../jobs/define.ts";

/**
 * An alert that needs no threshold (money stuck, a dispute opened): logged as an error, mailed to
 * every admin through the email job, and posted to ALERT_WEBHOOK_URL when set.
 */
export async function alertAdmins(
  services: Pick<AppServices, "prisma" | "boss" | "logger" | "config">,
  alert: { subject: string; text: string },
): Promise<void> {
  services.logger.error({ alert: alert.subject }, alert.text);
  const admins = await services.prisma.user.findMany({
    where: { role: "ADMIN" },
    select: { email: true },
  });
  for (const admin of admins) {
    await enqueue(services.boss, sendEmailQueue, {
      to: admin.email,
      subject: `[Mentora alert] ${alert.subject}`,
      text: alert.text,
      html: `<p>${escapeHtml(alert.text)}</p>`,
    });
  }
  const webhookUrl = services.config.alerts.webhookUrl;
  if (!webhookUrl) return;
  try {
    await postAlertWebhook(
      webhookUrl,
      { key: alert.subject, count: 1, windowMs: 0, message: alert.text },
      { timeoutMs: 10_000 },
    );
  } catch (error) {
    // The emails are queued already: a retry would send them twice.
    services.logger.error({ err: error }, "alert webhook failed");
  }
}

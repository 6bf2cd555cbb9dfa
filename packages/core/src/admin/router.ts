import { adminAccountingRouter } from "../accounting/router.ts";
import { adminActivityRouter } from "../activity/admin/router.ts";
import { adminAuditRouter } from "../audit/router.ts";
import { adminDisputesRouter } from "../disputes/router.ts";
import { adminJobsRouter } from "../jobs/admin/router.ts";
import { adminMentorsRouter } from "../mentors/admin/router.ts";
import { adminMessageReportsRouter } from "../messages/admin/router.ts";
import { adminModerationRouter } from "../moderation/router.ts";
import { adminPaymentsRouter, adminWebhooksRouter } from "../payments/admin/router.ts";
import { adminPayoutsRouter } from "../payouts/admin/router.ts";
import { adminReviewsRouter } from "../reviews/router.ts";
import { router } from "../trpc/init.ts";
import { adminVideoRouter } from "../video/router.ts";
import { adminWebhookEndpointsRouter } from "../webhook-endpoints/admin/router.ts";
import { listUsers } from "./procedures/list-users.ts";
import { setRole } from "./procedures/set-role.ts";

export const adminRouter = router({
  users: router({ list: listUsers, setRole }),
  mentors: adminMentorsRouter,
  payments: adminPaymentsRouter,
  webhooks: adminWebhooksRouter,
  video: adminVideoRouter,
  payouts: adminPayoutsRouter,
  audit: adminAuditRouter,
  disputes: adminDisputesRouter,
  jobs: adminJobsRouter,
  moderation: adminModerationRouter,
  accounting: adminAccountingRouter,
  activity: adminActivityRouter,
  messageReports: adminMessageReportsRouter,
  webhookEndpoints: adminWebhookEndpointsRouter,
  reviews: adminReviewsRouter,
});

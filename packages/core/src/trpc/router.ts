import { accountRouter } from "../account/router.ts";
import { activityRouter } from "../activity/router.ts";
import { adminRouter } from "../admin/router.ts";
import { apiKeysRouter } from "../api-keys/router.ts";
import { availabilityRulesRouter } from "../availability/rules/router.ts";
import { mentorBlocksRouter } from "../blocks/router.ts";
import { bookingsRouter, mentorSessionsRouter } from "../bookings/router.ts";
import { calendarsRouter } from "../calendars/router.ts";
import { devRouter } from "../dev/router.ts";
import { directoryRouter } from "../directory/router.ts";
import { healthRouter } from "../health/router.ts";
import { invitationsRouter } from "../invitations/router.ts";
import { invoicesRouter } from "../invoices/router.ts";
import { matchingRouter } from "../matching/router.ts";
import { mentorRouter } from "../mentors/router.ts";
import { messagesRouter } from "../messages/router.ts";
import { moderationRouter } from "../moderation/router.ts";
import { notificationsRouter } from "../notifications/router.ts";
import { offeringsRouter } from "../offerings/router.ts";
import { paymentsRouter, walletRouter } from "../payments/router.ts";
import { payoutsRouter } from "../payouts/router.ts";
import { profileRouter } from "../profiles/router.ts";
import { realtimeRouter } from "../realtime/router.ts";
import { reviewsRouter } from "../reviews/router.ts";
import { videoRouter } from "../video/router.ts";
import { webhookEndpointsRouter } from "../webhook-endpoints/router.ts";
import { createCallerFactory, router } from "./init.ts";

/** Every domain's router, mounted under its name. A new domain adds one line here. */
export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  bookings: bookingsRouter,
  mentorSessions: mentorSessionsRouter,
  dev: devRouter,
  health: healthRouter,
  offerings: offeringsRouter,
  availability: availabilityRulesRouter,
  invitations: invitationsRouter,
  profile: profileRouter,
  mentor: mentorRouter,
  directory: directoryRouter,
  payments: paymentsRouter,
  wallet: walletRouter,
  video: videoRouter,
  invoices: invoicesRouter,
  payouts: payoutsRouter,
  mentorBlocks: mentorBlocksRouter,
  moderation: moderationRouter,
  matching: matchingRouter,
  activity: activityRouter,
  notifications: notificationsRouter,
  realtime: realtimeRouter,
  messages: messagesRouter,
  apiKeys: apiKeysRouter,
  webhookEndpoints: webhookEndpointsRouter,
  reviews: reviewsRouter,
  calendars: calendarsRouter,
});

export type AppRouter = typeof appRouter;

/** In-process calls for Remix loaders and actions: no HTTP hop. */
export const createCaller = createCallerFactory(appRouter);

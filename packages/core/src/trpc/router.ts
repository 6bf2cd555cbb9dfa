import { accountRouter } from "../account/index.ts";
import { adminRouter } from "../admin/index.ts";
import { availabilityRulesRouter } from "../availability/index.ts";
import { mentorBlocksRouter } from "../blocks/index.ts";
import { bookingsRouter, mentorSessionsRouter } from "../bookings/index.ts";
import { devRouter } from "../dev/outbox.ts";
import { directoryRouter } from "../directory/index.ts";
import { healthRouter } from "../health/index.ts";
import { invitationsRouter } from "../invitations/index.ts";
import { invoicesRouter } from "../invoices/index.ts";
import { mentorRouter } from "../mentors/index.ts";
import { offeringsRouter } from "../offerings/index.ts";
import { paymentsRouter, walletRouter } from "../payments/index.ts";
import { payoutsRouter } from "../payouts/index.ts";
import { profileRouter } from "../profiles/index.ts";
import { videoRouter } from "../video/index.ts";
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
});

export type AppRouter = typeof appRouter;

/** In-process calls for Remix loaders and actions: no HTTP hop. */
export const createCaller = createCallerFactory(appRouter);

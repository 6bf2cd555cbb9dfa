import { accountRouter } from "../account/router.ts";
import { adminRouter } from "../admin/router.ts";
import { devRouter } from "../dev/outbox.ts";
import { healthRouter } from "../health/check.ts";
import { createCallerFactory, router } from "./init.ts";

/** Every domain's router, mounted under its name. A new domain adds one line here. */
export const appRouter = router({
  account: accountRouter,
  admin: adminRouter,
  dev: devRouter,
  health: healthRouter,
});

export type AppRouter = typeof appRouter;

/** In-process calls for Remix loaders and actions: no HTTP hop. */
export const createCaller = createCallerFactory(appRouter);

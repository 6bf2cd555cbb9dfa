import { router } from "../trpc/init.ts";
import { check } from "./procedures/check-health.ts";

export const healthRouter = router({ check });

import { router } from "../trpc/init.ts";
import { latest } from "./procedures/get-matches.ts";
import { request } from "./procedures/request-matches.ts";

/** Mounted under `matching`. */
export const matchingRouter = router({ request, latest });

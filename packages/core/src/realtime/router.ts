import { router } from "../trpc/init.ts";
import { stream } from "./procedures/stream-messages.ts";

export const realtimeRouter = router({ stream });

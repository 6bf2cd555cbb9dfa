import { router } from "../trpc/init.ts";
import { block } from "./procedures/block-mentee.ts";
import { list } from "./procedures/list-blocked-mentees.ts";
import { unblock } from "./procedures/unblock-mentee.ts";

/** A mentor's blocked mentees. Mounted as `mentorBlocks`. */
export const mentorBlocksRouter = router({ list, block, unblock });

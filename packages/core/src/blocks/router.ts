import { router } from "../trpc/init.ts";
import { block } from "./block.ts";
import { list } from "./list.ts";
import { unblock } from "./unblock.ts";

/** A mentor's blocked mentees. Mounted as `mentorBlocks`. */
export const mentorBlocksRouter = router({ list, block, unblock });

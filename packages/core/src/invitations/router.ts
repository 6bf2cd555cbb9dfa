import { router } from "../trpc/init.ts";
import { create } from "./create.ts";
import { list } from "./list.ts";
import { preview } from "./preview.ts";
import { revoke } from "./revoke.ts";

export const invitationsRouter = router({ create, list, revoke, preview });

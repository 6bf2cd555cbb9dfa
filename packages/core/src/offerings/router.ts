import { router } from "../trpc/init.ts";
import { archive } from "./archive.ts";
import { create } from "./create.ts";
import { list } from "./list.ts";
import { restore } from "./restore.ts";
import { update } from "./update.ts";

export const offeringsRouter = router({ list, create, update, archive, restore });

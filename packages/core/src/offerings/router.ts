import { router } from "../trpc/init.ts";
import { archive } from "./procedures/archive-offering.ts";
import { create } from "./procedures/create-offering.ts";
import { list } from "./procedures/list-offerings.ts";
import { restore } from "./procedures/restore-offering.ts";
import { update } from "./procedures/update-offering.ts";

export const offeringsRouter = router({ list, create, update, archive, restore });

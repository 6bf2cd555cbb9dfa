import { router } from "../trpc/init.ts";
import { mentor } from "./mentor.ts";
import { search } from "./search.ts";
import { slots } from "./slots.ts";

export const directoryRouter = router({ search, mentor, slots });

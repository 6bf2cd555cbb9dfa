import { router } from "../../trpc/init.ts";
import { decide } from "./procedures/decide-application.ts";
import { listApplications } from "./procedures/list-applications.ts";

/** Mounted under `admin.mentors` by the admin router. */
export const adminMentorsRouter = router({ applications: listApplications, decide });

import { router } from "../../trpc/init.ts";
import { decide } from "./decide-application.ts";
import { listApplications } from "./list-applications.ts";

/** Mounted under `admin.mentors` by the admin router. */
export const adminMentorsRouter = router({ applications: listApplications, decide });

import { router } from "../../trpc/init.ts";
import { adminListProblemJobs } from "./list-problems.ts";
import { adminListQueues } from "./list-queues.ts";
import { adminDeleteJob, adminRetryJob } from "./procedures.ts";

/** Admin → Jobs: queue depths, failed and dead jobs, retry and delete. */
export const adminJobsRouter = router({
  queues: adminListQueues,
  problems: adminListProblemJobs,
  retry: adminRetryJob,
  delete: adminDeleteJob,
});

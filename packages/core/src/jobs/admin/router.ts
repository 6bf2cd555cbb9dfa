import { router } from "../../trpc/init.ts";
import { adminDeleteJob } from "./procedures/delete-job.ts";
import { adminListProblemJobs } from "./procedures/list-problem-jobs.ts";
import { adminListQueues } from "./procedures/list-queues.ts";
import { adminRetryJob } from "./procedures/retry-job.ts";

/** Admin → Jobs: queue depths, failed and dead jobs, retry and delete. */
export const adminJobsRouter = router({
  queues: adminListQueues,
  problems: adminListProblemJobs,
  retry: adminRetryJob,
  delete: adminDeleteJob,
});

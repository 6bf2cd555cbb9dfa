import { z } from "zod";
import { queueName } from "./procedures/list-problem-jobs.ts";

/** A job as the admin pages name it: its queue and id. */
export const jobRef = z.object({ queue: queueName, id: z.uuid() }).strict();

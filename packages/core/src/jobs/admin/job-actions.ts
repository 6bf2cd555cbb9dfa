import type { Prisma } from "@mentora/db";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { type AuditActor, writeAudit } from "../../audit/index.ts";
import { AppError } from "../../errors/index.ts";
import { jobState, type Queryable } from "./queue-state.ts";

export interface JobRef {
  queue: string;
  id: string;
}

function queryableOf(tx: Prisma.TransactionClient): Queryable {
  return {
    query: async <Row extends object>(text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<Row[]>(text, ...values),
    }),
  };
}

/** Locks the job's row for the rest of the transaction and returns its state. */
async function lockedState(tx: Prisma.TransactionClient, job: JobRef) {
  await tx.$queryRawUnsafe(
    "SELECT 1 FROM pgboss.job WHERE name = $1 AND id = $2::uuid FOR UPDATE",
    job.queue,
    job.id,
  );
  return jobState(queryableOf(tx), job.queue, job.id);
}

/**
 * Runs a failed job again (pg-boss retry, one more attempt), or sends a dead job back to the
 * queue it failed on (pg-boss redrive). The audit row commits with the change, or neither does.
 */
export async function retryJob(
  services: Pick<AppServices, "prisma" | "boss" | "logger">,
  job: JobRef,
  actor: AuditActor,
): Promise<{ action: "retried" | "redriven" }> {
  const action = await services.prisma.$transaction(async (tx) => {
    const found = await lockedState(tx, job);
    if (!found) throw new AppError("NOT_FOUND");
    const db = fromPrisma(tx);
    let done: "retried" | "redriven";
    if (found.state === "failed") {
      const result = (await services.boss.retry(job.queue, job.id, { db })) as {
        affected?: number;
      };
      if (result.affected !== 1) throw new AppError("JOB_NOT_RETRYABLE");
      done = "retried";
    } else if (
      found.isInDeadLetterQueue &&
      (found.state === "created" || found.state === "retry")
    ) {
      const moved = await services.boss.redrive(job.queue, { ids: [job.id], db });
      if (moved !== 1) throw new AppError("JOB_NOT_RETRYABLE");
      done = "redriven";
    } else {
      throw new AppError("JOB_NOT_RETRYABLE", { state: found.state });
    }
    await writeAudit(tx, actor, {
      action: "job.retry",
      targetType: "job",
      targetId: job.id,
      details: { queue: job.queue, previousState: found.state, how: done },
    });
    return done;
  });
  services.logger.info({ queue: job.queue, jobId: job.id, action }, "job retried by an admin");
  return { action };
}

/** Deletes a failed or dead job (given up on for good), with its audit row. */
export async function deleteJob(
  services: Pick<AppServices, "prisma" | "boss" | "logger">,
  job: JobRef,
  actor: AuditActor,
): Promise<void> {
  await services.prisma.$transaction(async (tx) => {
    const found = await lockedState(tx, job);
    if (!found) throw new AppError("NOT_FOUND");
    const dead =
      found.isInDeadLetterQueue && (found.state === "created" || found.state === "retry");
    // Anything else may still run, or be what keeps another job from running twice.
    if (found.state !== "failed" && !dead) {
      throw new AppError("JOB_NOT_DELETABLE", { state: found.state });
    }
    await services.boss.deleteJob(job.queue, job.id, { db: fromPrisma(tx) });
    await writeAudit(tx, actor, {
      action: "job.delete",
      targetType: "job",
      targetId: job.id,
      details: { queue: job.queue, previousState: found.state },
    });
  });
  services.logger.info({ queue: job.queue, jobId: job.id }, "job deleted by an admin");
}

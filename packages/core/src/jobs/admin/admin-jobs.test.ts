import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../app/index.ts";
import { errorCodeOf } from "../../errors/index.ts";
import { callerFor, createTestApp, signUpVerifiedUser } from "../../testing/index.ts";

const queue = "adminjobs.work";
const deadQueue = "adminjobs.work.dead";
const plainQueue = "adminjobs.plain";

let app: App;
let admin: Awaited<ReturnType<typeof callerFor>>;
let adminId: string;

/** Fetches the job and fails it the way a throwing handler does, with this error. */
async function failNext(name: string, message: string): Promise<string> {
  const [job] = await app.boss.fetch(name);
  if (!job) throw new Error(`no job in ${name}`);
  await app.boss.fail(name, job.id, { name: "Error", message, stack: "at handler" });
  return job.id;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return errorCodeOf(error) ?? (error instanceof TRPCError ? error.code : String(error));
  }
}

beforeAll(async () => {
  app = await createTestApp();
  const signedUp = await signUpVerifiedUser(app, { name: "Ops", email: "ops@jobs.test" });
  adminId = signedUp.userId;
  await app.prisma.user.update({ where: { id: adminId }, data: { role: "ADMIN" } });
  admin = await callerFor(app, { cookie: signedUp.cookie });
  await app.boss.createQueue(deadQueue);
  await app.boss.createQueue(queue, { retryLimit: 0, deadLetter: deadQueue });
  await app.boss.createQueue(plainQueue, { retryLimit: 0 });
});
afterAll(() => app?.close());

describe("admin.jobs", () => {
  it("lists every queue with its jobs by state, dead-letter queues marked", async () => {
    for (let i = 0; i < 3; i += 1) await app.boss.send(plainQueue, { i });
    const queues = await admin.admin.jobs.queues();
    const plain = queues.find((q) => q.name === plainQueue);
    expect(plain).toMatchObject({ ready: 3, deferred: 0, active: 0, failed: 0 });
    expect(queues.find((q) => q.name === queue)).toMatchObject({
      deadLetter: deadQueue,
      isDeadLetter: false,
    });
    expect(queues.find((q) => q.name === deadQueue)?.isDeadLetter).toBe(true);
    // Core's own queues are there too.
    expect(queues.map((q) => q.name)).toContain("email.send");
    await app.boss.deleteAllJobs(plainQueue);
  });

  it("lists a failed job and a dead job with the error they failed with", async () => {
    await app.boss.send(plainQueue, { n: 1 });
    const failedId = await failNext(plainQueue, "SMTP refused: 550 mailbox unavailable");
    await app.boss.send(queue, { n: 2 });
    const originalId = await failNext(queue, "gateway timed out");

    const problems = await admin.admin.jobs.problems();
    const failed = problems.find((p) => p.id === failedId);
    expect(failed).toMatchObject({
      queue: plainQueue,
      kind: "failed",
      error: "SMTP refused: 550 mailbox unavailable",
    });
    const dead = problems.find((p) => p.queue === deadQueue);
    expect(dead).toMatchObject({ kind: "dead", sourceQueue: queue, error: "gateway timed out" });
    // The original, out of retries, was copied to the dead-letter queue: only the copy is listed,
    // so nobody retries both.
    expect(problems.some((p) => p.id === originalId)).toBe(false);

    const onlyPlain = await admin.admin.jobs.problems({ queue: plainQueue, limit: 10 });
    expect(onlyPlain.map((p) => p.queue)).toEqual([plainQueue]);
    await app.boss.deleteAllJobs(plainQueue);
    await app.boss.deleteAllJobs(queue);
    await app.boss.deleteAllJobs(deadQueue);
  });

  it("retries a failed job: it is queued again, and the admin's action is audited", async () => {
    await app.boss.send(plainQueue, { n: 3 });
    const id = await failNext(plainQueue, "boom");
    expect(await admin.admin.jobs.retry({ queue: plainQueue, id })).toEqual({ action: "retried" });
    const job = await app.boss.getJobById(plainQueue, id);
    expect(job?.state).toBe("retry");
    const [again] = await app.boss.fetch(plainQueue);
    expect(again?.id).toBe(id);
    const audit = await app.prisma.auditLog.findMany({ where: { targetId: id } });
    expect(audit).toMatchObject([
      {
        action: "job.retry",
        actorId: adminId,
        targetType: "job",
        details: { queue: plainQueue, previousState: "failed", how: "retried" },
      },
    ]);
    // Running now: neither a retry nor a delete may touch it.
    expect(await codeOf(admin.admin.jobs.retry({ queue: plainQueue, id }))).toBe(
      "JOB_NOT_RETRYABLE",
    );
    expect(await codeOf(admin.admin.jobs.delete({ queue: plainQueue, id }))).toBe(
      "JOB_NOT_DELETABLE",
    );
    expect((await app.boss.getJobById(plainQueue, id))?.state).toBe("active");
    expect(await app.prisma.auditLog.count({ where: { targetId: id } })).toBe(1);
    await app.boss.deleteAllJobs(plainQueue);
  });

  it("retries a dead job by sending it back to the queue it failed on", async () => {
    await app.boss.send(queue, { payload: "keep me" });
    await failNext(queue, "gateway timed out");
    const [dead] = await admin.admin.jobs.problems({ queue: deadQueue, limit: 10 });
    expect(dead?.kind).toBe("dead");
    expect(await admin.admin.jobs.retry({ queue: deadQueue, id: dead!.id })).toEqual({
      action: "redriven",
    });
    const [back] = await app.boss.fetch<{ payload: string }>(queue);
    expect(back?.data).toEqual({ payload: "keep me" });
    expect(await admin.admin.jobs.problems({ queue: deadQueue, limit: 10 })).toEqual([]);
    const audit = await app.prisma.auditLog.findFirst({ where: { targetId: dead!.id } });
    expect(audit).toMatchObject({ action: "job.retry", details: { how: "redriven" } });
    await app.boss.deleteAllJobs(queue);
  });

  it("deletes a dead job, audited; a waiting job of a normal queue is refused", async () => {
    await app.boss.send(queue, { n: 5 });
    await failNext(queue, "permanent");
    const [dead] = await admin.admin.jobs.problems({ queue: deadQueue, limit: 10 });
    expect(await admin.admin.jobs.delete({ queue: deadQueue, id: dead!.id })).toEqual({
      deleted: true,
    });
    expect(await app.boss.getJobById(deadQueue, dead!.id)).toBeNull();
    expect(await app.prisma.auditLog.findFirst({ where: { targetId: dead!.id } })).toMatchObject({
      action: "job.delete",
      details: { queue: deadQueue, previousState: "created" },
    });

    const waiting = await app.boss.send(plainQueue, { n: 6 });
    expect(await codeOf(admin.admin.jobs.delete({ queue: plainQueue, id: waiting! }))).toBe(
      "JOB_NOT_DELETABLE",
    );
    expect(await codeOf(admin.admin.jobs.retry({ queue: plainQueue, id: waiting! }))).toBe(
      "JOB_NOT_RETRYABLE",
    );
    expect((await app.boss.getJobById(plainQueue, waiting!))?.state).toBe("created");
    await app.boss.deleteAllJobs(plainQueue);
  });

  it("answers NOT_FOUND for an unknown job or a job named under another queue", async () => {
    await app.boss.send(plainQueue, { n: 7 });
    const id = await failNext(plainQueue, "x");
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await codeOf(admin.admin.jobs.retry({ queue: plainQueue, id: unknown }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(admin.admin.jobs.delete({ queue: "email.send", id }))).toBe("NOT_FOUND");
    expect((await app.boss.getJobById(plainQueue, id))?.state).toBe("failed");
  });

  it("refuses a malformed job id or queue name", async () => {
    expect(await codeOf(admin.admin.jobs.retry({ queue: plainQueue, id: "1; drop" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(
        admin.admin.jobs.delete({
          queue: "x' OR 1=1 --",
          id: "00000000-0000-4000-8000-000000000000",
        }),
      ),
    ).toBe("BAD_REQUEST");
  });
});

import { fromPrisma } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../app/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { createTestApp } from "../testing/index.ts";
import { deterministicJobId } from "./deterministic-job-id.ts";

describe("deterministicJobId", () => {
  it("is a version 5 UUID, the same for the same parts and different otherwise", () => {
    const id = deterministicJobId("booking.notify", "b-1", "confirmed", 1, "u-1");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicJobId("booking.notify", "b-1", "confirmed", 1, "u-1")).toBe(id);
    expect(deterministicJobId("booking.notify", "b-1", "confirmed", 2, "u-1")).not.toBe(id);
    expect(deterministicJobId("booking.notify", "b-1", "confirmed", 1, "u-2")).not.toBe(id);
    // Parts are separated, so shifting text between them changes the id.
    expect(deterministicJobId("ab", "c")).not.toBe(deterministicJobId("a", "bc"));
  });
});

describe("pg-boss 12 with a caller-chosen job id", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const email = { to: "dedupe@mentora.test", subject: "Hi", text: "Hi", html: "<p>Hi</p>" };

  it("ignores a second send with the same id (returns null), even once the first is done", async () => {
    const id = deterministicJobId("test", "dedupe");
    expect(await app.boss.send(sendEmailQueue.name, email, { id })).toBe(id);
    expect(await app.boss.send(sendEmailQueue.name, email, { id })).toBeNull();

    const [job] = await app.boss.fetch(sendEmailQueue.name);
    expect(job?.id).toBe(id);
    await app.boss.complete(sendEmailQueue.name, id);
    expect(await app.boss.send(sendEmailQueue.name, email, { id })).toBeNull();
    expect(await app.boss.findJobs(sendEmailQueue.name, { id })).toHaveLength(1);
  });

  it("does the same inside a Prisma transaction (fromPrisma)", async () => {
    const id = deterministicJobId("test", "dedupe-in-transaction");
    const results = await app.prisma.$transaction(async (tx) => [
      await app.boss.send(sendEmailQueue.name, email, { id, db: fromPrisma(tx) }),
      await app.boss.send(sendEmailQueue.name, email, { id, db: fromPrisma(tx) }),
    ]);
    expect(results).toEqual([id, null]);
  });
});

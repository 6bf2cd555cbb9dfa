import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/index.ts";
import { runNode } from "../testing/runNode.ts";
import { demoUsers } from "./index.ts";

const seedCli = fileURLToPath(new URL("../cli/seed.ts", import.meta.url));

/** `pnpm db:seed` against this database with this NODE_ENV (undefined: unset). */
function seed(url: string, nodeEnv: string | undefined) {
  const { NODE_ENV: _unset, ...env } = process.env;
  return runNode([seedCli], {
    env: { ...env, DATABASE_URL: url, ...(nodeEnv ? { NODE_ENV: nodeEnv } : {}) },
  });
}

describe("pnpm db:seed refuses production", () => {
  it("refuses NODE_ENV=production, and NODE_ENV unset on a DATABASE_URL; nothing is written", async () => {
    const database = await createTestDatabase();
    for (const nodeEnv of ["production", undefined]) {
      const run = await seed(database.url, nodeEnv);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/refusing to seed demo accounts .* production database/);
      expect(run.stderr).toContain("pnpm mentora admin:create");
      expect(run.stdout).not.toContain("mentora-demo");
    }
    expect(await database.prisma.user.count()).toBe(0);
    await database.drop();
  });

  it("refuses a database where a real user signed up, even in development", async () => {
    const database = await createTestDatabase();
    await database.prisma.user.create({
      data: { id: randomUUID(), email: "real.person@example.com", name: "Real Person" },
    });
    const run = await seed(database.url, "development");
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/database with 1 real user/);
    expect(await database.prisma.user.count()).toBe(1);
    await database.drop();
  });

  it("seeds (and re-seeds) a development database holding only demo accounts", async () => {
    const database = await createTestDatabase();
    for (let round = 0; round < 2; round += 1) {
      const run = await seed(database.url, "development");
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("admin@mentora.test");
    }
    expect(await database.prisma.user.count()).toBe(demoUsers.length);
    await database.drop();
  });
});

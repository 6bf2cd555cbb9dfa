import { expect, test } from "vitest";
import { createTestDatabase } from "./index.ts";

test("databases cloned from the template do not see each other's rows", async () => {
  const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);

  await first.prisma.user.create({
    data: { id: "only-in-first", name: "Élodie", email: "elodie@test", updatedAt: new Date() },
  });

  expect(first.name).not.toBe(second.name);
  expect(await first.prisma.user.count()).toBe(1);
  expect(await second.prisma.user.count()).toBe(0);
  await Promise.all([first.drop(), second.drop()]);
});

test("a dropped test database is gone", async () => {
  const db = await createTestDatabase();
  const probe = await createTestDatabase();

  await db.drop();

  const { rows } = await probe.pool.query("SELECT 1 FROM pg_database WHERE datname = $1", [
    db.name,
  ]);
  expect(rows).toEqual([]);
});

import { randomUUID } from "node:crypto";
import { afterAll, expect, inject, test } from "vitest";
import { dropDatabase, withAdminClient } from "../admin.ts";
import { quoteIdent } from "../databaseUrl.ts";
import {
  createTestDatabase,
  seededTemplate,
  seededTemplateName,
  type TestDatabase,
} from "./index.ts";

// A random key per run: on a shared DATABASE_URL server no earlier run's template answers.
const run = randomUUID();
const made: string[] = [];
afterAll(async () => {
  await withAdminClient(inject("mentoraDbAdminUrl"), async (client) => {
    for (const name of made) {
      await client.query(`ALTER DATABASE ${quoteIdent(name)} WITH is_template false`);
      await dropDatabase(client, name);
    }
  });
});

const seedUsers =
  (count: number) =>
  async ({ prisma }: TestDatabase) => {
    for (let n = 0; n < count; n += 1) {
      await prisma.user.create({
        data: {
          id: `seeded-${n}`,
          name: `Seeded ${n}`,
          email: `s${n}@test`,
          updatedAt: new Date(),
        },
      });
    }
    return { ids: [`seeded-0`, `seeded-${count - 1}`], at: new Date(0) };
  };

test("a seed is built once per key and every clone gets its rows, its own copy each", async () => {
  const key = `users ${run}`;
  let builds = 0;
  const build = async (database: TestDatabase) => {
    builds += 1;
    return seedUsers(3)(database);
  };
  const first = await seededTemplate(key, build);
  made.push(first.template);
  const second = await seededTemplate(key, build);

  expect(builds).toBe(1);
  expect(first.reused).toBe(false);
  expect(second).toEqual({ ...first, reused: true });
  expect(first.template).toBe(seededTemplateName(key));
  // What the seed returned comes back as JSON (a Date as its ISO string), both times.
  expect(second.meta).toEqual({ ids: ["seeded-0", "seeded-2"], at: "1970-01-01T00:00:00.000Z" });

  const [a, b] = await Promise.all([
    createTestDatabase({ template: first.template }),
    createTestDatabase({ template: first.template }),
  ]);
  expect(await a.prisma.user.count()).toBe(3);
  await a.prisma.user.delete({ where: { id: "seeded-1" } });
  expect(await a.prisma.user.count()).toBe(2);
  expect(await b.prisma.user.count()).toBe(3);
  await Promise.all([a.drop(), b.drop()]);
});

test("another key is another template", async () => {
  const one = await seededTemplate(`one ${run}`, seedUsers(1));
  const two = await seededTemplate(`two ${run}`, seedUsers(2));
  made.push(one.template, two.template);
  expect(one.template).not.toBe(two.template);
  const clone = await createTestDatabase({ template: two.template });
  expect(await clone.prisma.user.count()).toBe(2);
  await clone.drop();
});

test("a seed that fails leaves no template: the next call builds it again", async () => {
  const key = `failing ${run}`;
  await expect(
    seededTemplate(key, async (database) => {
      await seedUsers(1)(database);
      throw new Error("seed broke halfway");
    }),
  ).rejects.toThrow("seed broke halfway");
  const { rows } = await withAdminClient(inject("mentoraDbAdminUrl"), (client) =>
    client.query("SELECT 1 FROM pg_database WHERE datname = $1", [seededTemplateName(key)]),
  );
  expect(rows).toEqual([]);

  const retried = await seededTemplate(key, seedUsers(2));
  made.push(retried.template);
  expect(retried.reused).toBe(false);
  const clone = await createTestDatabase({ template: retried.template });
  expect(await clone.prisma.user.count()).toBe(2);
  await clone.drop();
});

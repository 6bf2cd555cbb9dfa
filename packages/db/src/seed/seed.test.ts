import { verifyPassword } from "better-auth/crypto";
import { expect, test } from "vitest";
import { createTestDatabase } from "../testing/index.ts";
import { demoPassword, seedDemoData } from "./index.ts";

test("seeding twice leaves the same five users with verifiable credential accounts", async () => {
  const { prisma } = await createTestDatabase();

  await seedDemoData(prisma);
  const idsAfterFirst = (await prisma.user.findMany({ orderBy: { email: "asc" } })).map(
    (u) => u.id,
  );
  const credentials = await seedDemoData(prisma);

  const users = await prisma.user.findMany({
    orderBy: { email: "asc" },
    include: { accounts: true },
  });
  expect(users).toHaveLength(5);
  expect(users.map((u) => u.id)).toEqual(idsAfterFirst);
  expect(users.every((u) => u.emailVerified && u.accounts.length === 1)).toBe(true);
  expect(users.map((u) => u.role).sort()).toEqual([
    "ADMIN",
    "MENTEE",
    "MENTEE",
    "MENTOR",
    "MENTOR",
  ]);
  expect(users.map((u) => u.name)).toContain("Amélie Durand");

  const admin = users.find((u) => u.email === "admin@mentora.test");
  const account = admin?.accounts[0];
  expect(account).toMatchObject({ providerId: "credential", accountId: admin?.id });
  expect(await verifyPassword({ hash: account?.password ?? "", password: demoPassword })).toBe(
    true,
  );
  expect(await verifyPassword({ hash: account?.password ?? "", password: "wrong" })).toBe(false);
  expect(credentials).toContainEqual(
    expect.objectContaining({ email: "admin@mentora.test", password: demoPassword, role: "ADMIN" }),
  );
});

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

test("the demo mentors can be booked at once: approved, with offerings and weekly hours", async () => {
  const { prisma } = await createTestDatabase();
  await seedDemoData(prisma);
  const mentor = await prisma.user.findUniqueOrThrow({
    where: { email: "mentor1@mentora.test" },
  });
  // A mentor's own edits survive a restart: the seed never re-creates what they removed.
  await prisma.offering.updateMany({
    where: { mentorId: mentor.id },
    data: { status: "ARCHIVED" },
  });
  await seedDemoData(prisma);

  const mentors = await prisma.user.findMany({
    where: { role: "MENTOR" },
    include: {
      mentorProfile: true,
      skills: true,
      availabilityRules: true,
      offerings: { include: { options: true } },
    },
  });
  expect(mentors).toHaveLength(2);
  for (const demo of mentors) {
    expect(demo.mentorProfile?.status).toBe("APPROVED");
    expect(demo.headline).toBeTruthy();
    expect(demo.skills.length).toBeGreaterThan(0);
    expect(demo.availabilityRules.length).toBeGreaterThan(0);
  }
  const offerings = mentors.flatMap((m) => m.offerings);
  const options = offerings.flatMap((o) => o.options);
  expect(offerings.filter((o) => o.status === "ARCHIVED")).toHaveLength(2);
  expect(new Set(options.map((o) => o.currency))).toEqual(new Set(["EUR", "TND"]));
  expect(options.some((o) => o.priceMinor === 0)).toBe(true);
  expect(offerings.some((o) => o.kind === "GROUP" && o.capacity > 1)).toBe(true);
  expect(options.find((o) => o.currency === "TND")?.priceMinor).toBe(90_000);
});

import { verifyPassword } from "better-auth/crypto";
import { expect, test } from "vitest";
import { createTestDatabase } from "../testing/index.ts";
import { catalogUserId, demoPassword, seedDemoData } from "./index.ts";

test("seeding twice leaves the same 55 users (5 featured, 38 directory mentors, 12 mentees with a history) with verifiable credential accounts", async () => {
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
  expect(users).toHaveLength(55);
  expect(users.map((u) => u.id)).toEqual(idsAfterFirst);
  expect(users.every((u) => u.emailVerified && u.accounts.length === 1)).toBe(true);
  const roles = users.map((u) => u.role);
  expect(roles.filter((role) => role === "ADMIN")).toHaveLength(1);
  expect(roles.filter((role) => role === "MENTEE")).toHaveLength(14);
  expect(roles.filter((role) => role === "MENTOR")).toHaveLength(40);
  // The directory's mentors have fixed ids (the evaluation set and links name them).
  expect(users.find((u) => u.email === "mentor40@mentora.test")?.id).toBe(catalogUserId(40));
  // The README's featured accounts only are returned (and printed).
  expect(credentials.map((c) => c.email)).toEqual([
    "admin@mentora.test",
    "mentor1@mentora.test",
    "mentor2@mentora.test",
    "mentee1@mentora.test",
    "mentee2@mentora.test",
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
  expect(mentors).toHaveLength(40);
  for (const demo of mentors) {
    expect(demo.mentorProfile?.status).toBe("APPROVED");
    expect(demo.headline).toBeTruthy();
    expect(demo.skills.length).toBeGreaterThan(0);
    expect(demo.availabilityRules.length).toBeGreaterThan(0);
  }
  const offerings = mentors.flatMap((m) => m.offerings);
  const options = offerings.flatMap((o) => o.options);
  expect(offerings.filter((o) => o.status === "ARCHIVED")).toHaveLength(2);
  expect(new Set(options.map((o) => o.currency))).toEqual(new Set(["EUR", "TND", "USD"]));
  // Spoken languages across the directory: French, English, Spanish and some Arabic.
  const languages = mentors.flatMap((m) => m.languages);
  for (const code of ["fr", "en", "es", "ar"]) {
    expect(languages.filter((l) => l === code).length).toBeGreaterThanOrEqual(5);
  }
  expect(options.some((o) => o.priceMinor === 0)).toBe(true);
  expect(offerings.some((o) => o.kind === "GROUP" && o.capacity > 1)).toBe(true);
  const ana = mentors.find((m) => m.email === "mentor2@mentora.test");
  expect(ana?.offerings.flatMap((o) => o.options).map((o) => o.priceMinor)).toContain(90_000);
});

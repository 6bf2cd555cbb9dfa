import { randomUUID } from "node:crypto";
import { createPrismaClient, type Db } from "@mentora/db";
import { inject } from "vitest";
import { baseUrl } from "./browser.ts";
import "./context.ts";

export const PASSWORD = "correct horse battery";

let prisma: Db | undefined;

/** The e2e server's database, for setting up what a test starts from. */
export function testDb(): Db {
  prisma ??= createPrismaClient({ connectionString: inject("webDatabaseUrl") });
  return prisma;
}

export async function closeTestDb(): Promise<void> {
  await prisma?.$disconnect();
  prisma = undefined;
}

/** Which server pair a helper works on: the global one unless a test started its own. */
export interface Target {
  baseUrl: string;
  db: Db;
}

function globalTarget(): Target {
  return { baseUrl: baseUrl(), db: testDb() };
}

/**
 * A verified user with a password, made the way the sign-up form makes one (better-auth's own
 * endpoint, so the password hash is real), then marked verified in the database.
 */
export async function createVerifiedUser(
  user: { name: string; email: string },
  target: Target = globalTarget(),
) {
  const response = await fetch(`${target.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: target.baseUrl },
    body: JSON.stringify({ ...user, password: PASSWORD }),
  });
  if (!response.ok) {
    throw new Error(`sign-up of ${user.email} failed: ${response.status} ${await response.text()}`);
  }
  return target.db.user.update({ where: { email: user.email }, data: { emailVerified: true } });
}

/** An approved mentor with a complete profile in Europe/Paris (no offering, no hours yet). */
export async function createMentor(
  user: { name: string; email: string },
  target: Target = globalTarget(),
) {
  const created = await createVerifiedUser(user, target);
  const db = target.db;
  const skill = await db.skill.upsert({
    where: { slug: "typescript" },
    create: { slug: "typescript", name: "TypeScript" },
    update: {},
  });
  await db.user.update({
    where: { id: created.id },
    data: {
      role: "MENTOR",
      headline: "Staff engineer · TypeScript and architecture",
      bio: "Fifteen years of web development. I help engineers grow.",
      languages: ["en", "fr"],
      timezone: "Europe/Paris",
      skills: { create: { skill: { connect: { id: skill.id } } } },
      mentorProfile: {
        create: {
          status: "APPROVED",
          decidedAt: new Date(),
          bufferMinutes: 0,
          minNoticeMinutes: 60,
          horizonDays: 30,
        },
      },
    },
  });
  return created;
}

/** A paid one-hour offering (€35) and hours every day from 07:00 to 22:00, in the database. */
export async function addPaidOffering(mentorId: string, target: Target = globalTarget()) {
  await target.db.offering.create({
    data: {
      mentorId,
      title: "Career review",
      description: "One hour on your next career step.",
      kind: "ONE_TO_ONE",
      options: { create: { durationMinutes: 60, priceMinor: 3500, currency: "EUR" } },
    },
  });
  await target.db.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      mentorId,
      weekday,
      startMinute: 7 * 60,
      endMinute: 22 * 60,
    })),
  });
  // Written around the app: mark the directory's availability summary pending (refreshed at the
  // epoch, decision 058) so the next search computes it again, as a save through the app would.
  const pending = { refreshedAt: new Date(0), firstStartsAt: null, lastStartsAt: null };
  await target.db.directorySlotRefresh.upsert({
    where: { mentorId },
    create: { mentorId, ...pending },
    update: pending,
  });
}

/**
 * Released earnings in the mentor's available balance, as the earnings job would leave them
 * (a balanced adjustment from the sandbox's clearing account).
 */
export async function creditAvailable(db: Db, mentorId: string, amountMinor: number) {
  await db.$transaction(async (tx) => {
    const account = (kind: "GATEWAY_CLEARING" | "MENTOR_AVAILABLE", owner: string) =>
      tx.ledgerAccount.upsert({
        where: { kind_owner_currency: { kind, owner, currency: "EUR" } },
        create: { kind, owner, currency: "EUR" },
        update: {},
      });
    const clearing = await account("GATEWAY_CLEARING", "sandbox");
    const available = await account("MENTOR_AVAILABLE", mentorId);
    const transaction = await tx.ledgerTransaction.create({
      data: { kind: "ADJUSTMENT", idempotencyKey: `e2e-earnings:${randomUUID()}` },
    });
    await tx.ledgerEntry.createMany({
      data: [
        {
          transactionId: transaction.id,
          accountId: clearing.id,
          currency: "EUR",
          amountMinor: BigInt(-amountMinor),
        },
        {
          transactionId: transaction.id,
          accountId: available.id,
          currency: "EUR",
          amountMinor: BigInt(amountMinor),
        },
      ],
    });
  });
}

import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db, Role } from "../index.ts";
import { seedDemoHistory } from "./demoHistory.ts";
import { seedDemoMarketplace } from "./demoMarketplace.ts";
import { demoPassword, demoUsers, featuredDemoUsers } from "./demoUsers.ts";

export type DemoCredential = { email: string; password: string; role: Role; name: string };

// better-auth's email-and-password sign-in looks for this account row.
const credentialProvider = "credential";

/**
 * Creates (or restores) the demo users, each with a verified email and a better-auth
 * credential account whose password is `demoPassword`, and the demo mentors' profiles,
 * offerings and weekly hours. Safe to run any number of times: users
 * are matched by email, accounts by (provider, user id). Returns the featured accounts (the
 * directory's mentors mentor3…mentor40@mentora.test share the same password).
 */
export async function seedDemoData(prisma: Db): Promise<DemoCredential[]> {
  // Hashing (scrypt) is the slow part: once, outside the transaction. Every demo account shares
  // the one known password, so one salted hash serves them all.
  const password = await hashPassword(demoPassword);

  await prisma.$transaction(
    async (tx) => {
      for (const demo of demoUsers) {
        const profile = {
          name: demo.name,
          emailVerified: true,
          role: demo.role,
          locale: demo.locale,
          timezone: demo.timezone,
        };
        const user = await tx.user.upsert({
          where: { email: demo.email },
          create: { id: demo.id ?? randomUUID(), email: demo.email, ...profile },
          update: profile,
        });
        await tx.account.upsert({
          where: { providerId_accountId: { providerId: credentialProvider, accountId: user.id } },
          create: {
            id: randomUUID(),
            providerId: credentialProvider,
            accountId: user.id,
            userId: user.id,
            password,
          },
          update: { password },
        });
      }
      await seedDemoMarketplace(tx);
      // Past sessions, payments, invoices, payouts and reviews, once (issue #18).
      await seedDemoHistory(tx);
    },
    { timeout: 60_000 },
  );

  return featuredDemoUsers.map(({ email, role, name }) => ({
    email,
    role,
    name,
    password: demoPassword,
  }));
}

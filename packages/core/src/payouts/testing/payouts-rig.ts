import type { App } from "../../app/index.ts";
import { createUser } from "../../bookings/testing/bookings.ts";
import { accounts, balanceOf, postTransaction } from "../../ledger/index.ts";
import { sandboxBooks } from "../../payments/testing/payments-rig.ts";
import { contextFor } from "../../testing/index.ts";
import { createCaller } from "../../trpc/router.ts";

export const ADMIN_IP = "203.0.113.7";

/** A caller signed in as this user, from ADMIN_IP with a user agent (as the HTTP edge sets). */
export async function callerAs(app: App, userId: string) {
  const context = await contextFor(
    app,
    { "user-agent": "payouts-test/1.0" },
    { clientAddress: ADMIN_IP },
  );
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return createCaller({
    ...context,
    session: { user, session: { id: `s-${userId}`, userId, createdAt: new Date() } },
  } as never);
}

export async function createMentor(app: App, name = "Mona Mentor") {
  const mentor = await createUser(app, name);
  await app.prisma.user.update({ where: { id: mentor.id }, data: { role: "MENTOR" } });
  return mentor;
}

export async function createAdmin(app: App) {
  const admin = await createUser(app, "Ada Admin");
  await app.prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  return admin;
}

let credits = 0;
/** Puts released earnings in the mentor's available balance (as if sessions were paid). */
export async function creditAvailable(
  app: App,
  mentorId: string,
  amountMinor: number,
  currency = "EUR",
) {
  credits += 1;
  await postTransaction(app.prisma, {
    kind: "ADJUSTMENT",
    idempotencyKey: `test-earnings:${mentorId}:${credits}:${Math.random()}`,
    entries: [
      { account: accounts.clearing("sandbox", currency), amountMinor: -amountMinor },
      { account: accounts.mentorAvailable(mentorId, currency), amountMinor },
    ],
  });
}

export async function mentorBalances(app: App, mentorId: string, currency = "EUR") {
  return {
    available: await balanceOf(app.prisma, accounts.mentorAvailable(mentorId, currency)),
    reserved: await balanceOf(app.prisma, accounts.mentorPayoutReserved(mentorId, currency)),
  };
}

/** Sets a sandbox payout method for the mentor (account label; "fail" in it fails payouts). */
export async function setSandboxMethod(app: App, mentorId: string, account = `acct-${mentorId}`) {
  await app.prisma.payoutMethod.upsert({
    where: { mentorId },
    create: { mentorId, kind: "SANDBOX", destination: { account } },
    update: { kind: "SANDBOX", destination: { account } },
  });
}

/** Every transfer the sandbox "provider" made, as its own books record them. */
export function sandboxTransfers(app: App) {
  return sandboxBooks(app, "payout");
}

/** The payout method as the mentor sees it (getMethod and setMethod answer the same). */
import type { Prisma } from "@mentora/db";
import { z } from "zod";
import type { AppServices } from "../app/types.ts";
import { methodFromRow, payoutMethodInput } from "./method.ts";

/** A provider account onboarded on its hosted form, as the provider last described it. */
export const payoutAccountOutput = z.object({
  provider: z.string(),
  providerAccountId: z.string(),
  detailsSubmitted: z.boolean(),
  payoutsEnabled: z.boolean(),
  currentlyDue: z.array(z.string()),
  statusAt: z.date().nullable(),
});

export const methodOutput = z
  .object({
    method: payoutMethodInput,
    updatedAt: z.date(),
    /** When this destination was set. */
    setAt: z.date(),
    /** Until then no payout can be requested (after a change); null: none. */
    cooldownUntil: z.date().nullable(),
    /** PayPal: when the address was confirmed from its mailbox; null: not yet (no payouts). */
    verifiedAt: z.date().nullable(),
    /** Stripe Connect: the onboarded account behind the method; null for a pasted legacy id. */
    account: payoutAccountOutput.nullable(),
  })
  .nullable();

type AccountRow = Prisma.PayoutAccountGetPayload<object>;

export const methodOutputOf = (
  row: {
    kind: string;
    destination: unknown;
    updatedAt: Date;
    setAt: Date;
    cooldownUntil: Date | null;
    verifiedAt: Date | null;
  },
  account: AccountRow | null = null,
) => {
  const method = methodFromRow(row);
  const own =
    method.kind === "STRIPE_CONNECT" && account?.providerAccountId === method.accountId
      ? account
      : null;
  return {
    method,
    updatedAt: row.updatedAt,
    setAt: row.setAt,
    cooldownUntil: row.cooldownUntil,
    verifiedAt: row.verifiedAt,
    account: own && {
      provider: own.provider,
      providerAccountId: own.providerAccountId,
      detailsSubmitted: own.detailsSubmitted,
      payoutsEnabled: own.payoutsEnabled,
      currentlyDue: own.currentlyDue,
      statusAt: own.statusAt,
    },
  };
};

/** The mentor's method with its account, or null. */
export async function loadMethodOutput(
  prisma: AppServices["prisma"],
  mentorId: string,
): Promise<z.output<typeof methodOutput>> {
  const [row, account] = await Promise.all([
    prisma.payoutMethod.findUnique({ where: { mentorId } }),
    prisma.payoutAccount.findFirst({ where: { mentorId, provider: "stripe" } }),
  ]);
  return row ? methodOutputOf(row, account) : null;
}

import { z } from "zod";
import { authedProcedure } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput } from "../../trpc/pagination.ts";

export const walletInput = z
  .object({
    ...pageInput(),
  })
  .strict();

const kind = z.enum([
  "TOP_UP",
  "RESERVE",
  "RELEASE",
  "PAYMENT",
  "REFUND",
  "REFUND_PAID",
  "EARNINGS_RELEASE",
  "PAYOUT",
  "ADJUSTMENT",
  "PAYOUT_RESERVE",
  "PAYOUT_RELEASE",
  "DISPUTE_FREEZE",
  "DISPUTE_UNFREEZE",
  "DISPUTE_LOSS",
]);

export const walletOutput = z.object({
  balances: z.array(
    z.object({
      currency: z.string(),
      /** Spendable now. */
      availableMinor: z.number().int(),
      /** Set aside for a checkout still open. */
      reservedMinor: z.number().int(),
    }),
  ),
  history: z.array(
    z.object({
      id: z.string(),
      kind,
      currency: z.string(),
      /** Signed: positive in, negative out of the spendable balance. */
      amountMinor: z.number().int(),
      paymentId: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** The caller's wallet: balance per currency (from the ledger) and its movements, newest first. */
export const getWallet = authedProcedure
  .input(walletInput)
  .output(walletOutput)
  .query(async ({ ctx, input }) => {
    const { prisma } = ctx.services;
    const accounts = await prisma.ledgerAccount.findMany({
      where: { owner: ctx.user.id, kind: { in: ["USER_WALLET", "USER_WALLET_RESERVED"] } },
      select: { id: true, kind: true, currency: true, balanceMinor: true },
    });
    const byCurrency = new Map<string, { availableMinor: number; reservedMinor: number }>();
    // The balance kept on the account row (decision 028).
    for (const account of accounts) {
      const entry = byCurrency.get(account.currency) ?? { availableMinor: 0, reservedMinor: 0 };
      if (account.kind === "USER_WALLET") entry.availableMinor += Number(account.balanceMinor);
      else entry.reservedMinor += Number(account.balanceMinor);
      byCurrency.set(account.currency, entry);
    }

    const walletIds = accounts.filter((a) => a.kind === "USER_WALLET").map((a) => a.id);
    const rows = await prisma.ledgerEntry.findMany({
      where: { accountId: { in: walletIds } },
      include: { transaction: { select: { kind: true, paymentId: true, createdAt: true } } },
      orderBy: [{ transaction: { createdAt: "desc" } }, { id: "desc" }],
      ...pageArgs(input),
    });
    const { items: page, nextCursor } = cursorPage(rows, input.limit);
    return {
      balances: [...byCurrency]
        .map(([currency, amounts]) => ({ currency, ...amounts }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
      history: page.map((row) => ({
        id: row.id,
        kind: row.transaction.kind,
        currency: row.currency,
        amountMinor: Number(row.amountMinor),
        paymentId: row.transaction.paymentId,
        createdAt: row.transaction.createdAt,
      })),
      nextCursor,
    };
  });

import { z } from "zod";
import { type AccountRef, accounts, balancesOf } from "../../ledger/index.ts";
import { mentorProcedure } from "../../trpc/init.ts";
import { payoutMinimum } from "../payout-service.ts";

/** The mentor's earnings per currency: pending (on hold), available, reserved for payouts. */
export const payoutBalances = mentorProcedure
  .output(
    z.array(
      z.object({
        currency: z.string(),
        pendingMinor: z.number().int(),
        availableMinor: z.number().int(),
        reservedMinor: z.number().int(),
        /** The share of disputed payments, frozen until the dispute closes. */
        frozenMinor: z.number().int(),
        /** Owed after a refund or lost dispute following a release: taken from next earnings. */
        owedMinor: z.number().int(),
        minimumPayoutMinor: z.number().int(),
      }),
    ),
  )
  .query(async ({ ctx }) => {
    const { prisma, config } = ctx.services;
    const rows = await prisma.ledgerAccount.findMany({
      where: {
        owner: ctx.user.id,
        kind: {
          in: [
            "MENTOR_PENDING",
            "MENTOR_AVAILABLE",
            "MENTOR_PAYOUT_RESERVED",
            "MENTOR_FROZEN",
            "MENTOR_RECEIVABLE",
          ],
        },
      },
      select: { currency: true },
      distinct: ["currency"],
      orderBy: { currency: "asc" },
    });
    return Promise.all(
      rows.map(async ({ currency: code }) => {
        const refs: AccountRef[] = [
          accounts.mentorPending(ctx.user.id, code),
          accounts.mentorAvailable(ctx.user.id, code),
          accounts.mentorPayoutReserved(ctx.user.id, code),
          accounts.mentorFrozen(ctx.user.id, code),
          accounts.mentorReceivable(ctx.user.id, code),
        ];
        const [
          pendingMinor = 0,
          availableMinor = 0,
          reservedMinor = 0,
          frozenMinor = 0,
          receivableMinor = 0,
        ] = await balancesOf(prisma, refs);
        return {
          currency: code,
          pendingMinor,
          availableMinor,
          reservedMinor,
          frozenMinor,
          owedMinor: Math.max(0, -receivableMinor),
          minimumPayoutMinor: payoutMinimum(config, code),
        };
      }),
    );
  });

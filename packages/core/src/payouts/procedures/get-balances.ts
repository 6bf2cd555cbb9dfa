import { z } from "zod";
import { auditActorOf } from "../../audit/index.ts";
import { type AccountRef, accounts, balancesOf } from "../../ledger/index.ts";
import { mentorProcedure, requireFreshSession } from "../../trpc/init.ts";
import { cursorPage, pageArgs, pageInput, pageOutput } from "../../trpc/pagination.ts";
import { changePayoutMethod } from "../change-method.ts";
import { methodFromRow, payoutMethodInput } from "../method.ts";
import { payoutOutput, toPayoutOutput } from "../payout-output.ts";
import { cancelPayout, payoutMinimum, requestPayout } from "../payout-service.ts";

const currency = z.string().regex(/^[A-Z]{3}$/);

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

const methodOutput = z
  .object({
    method: payoutMethodInput,
    updatedAt: z.date(),
    /** When this destination was set. */
    setAt: z.date(),
    /** Until then no payout can be requested (after a change); null: none. */
    cooldownUntil: z.date().nullable(),
  })
  .nullable();

const methodOutputOf = (row: {
  kind: string;
  destination: unknown;
  updatedAt: Date;
  setAt: Date;
  cooldownUntil: Date | null;
}) => ({
  method: methodFromRow(row),
  updatedAt: row.updatedAt,
  setAt: row.setAt,
  cooldownUntil: row.cooldownUntil,
});

/** The mentor's payout method, or null. */
export const getPayoutMethod = mentorProcedure.output(methodOutput).query(async ({ ctx }) => {
  const row = await ctx.services.prisma.payoutMethod.findUnique({
    where: { mentorId: ctx.user.id },
  });
  return row ? methodOutputOf(row) : null;
});

/**
 * Sets the payout method (replacing the previous one). The sandbox exists outside production. A
 * change cancels open requests, starts the cooldown and e-mails the mentor (changePayoutMethod).
 */
export const setPayoutMethod = mentorProcedure
  .use(requireFreshSession)
  .input(payoutMethodInput)
  .output(methodOutput)
  .mutation(async ({ ctx, input }) => {
    const { row, changed, cancelledPayoutIds } = await changePayoutMethod(ctx.services, {
      mentorId: ctx.user.id,
      method: input,
      actor: auditActorOf(ctx),
    });
    if (changed) {
      ctx.services.logger.info(
        { requestId: ctx.requestId, mentorId: ctx.user.id, cancelledPayoutIds },
        "payout method changed",
      );
    }
    return methodOutputOf(row);
  });

/** Asks for a payout of available earnings (reserved at once). */
export const requestPayoutProcedure = mentorProcedure
  .input(
    z.object({ currency, amountMinor: z.number().int().positive().max(2_000_000_000) }).strict(),
  )
  .output(payoutOutput)
  .mutation(async ({ ctx, input }) =>
    toPayoutOutput(await requestPayout(ctx.services, { mentorId: ctx.user.id, ...input })),
  );

/** Cancels one's own REQUESTED payout; the amount is available again. */
export const cancelPayoutProcedure = mentorProcedure
  .input(z.object({ payoutId: z.string().min(1).max(100) }).strict())
  .output(payoutOutput)
  .mutation(async ({ ctx, input }) =>
    toPayoutOutput(
      await cancelPayout(ctx.services, { mentorId: ctx.user.id, payoutId: input.payoutId }),
    ),
  );

/** The mentor's own payouts, newest first. */
export const listMyPayouts = mentorProcedure
  .input(
    z
      .object({
        ...pageInput(),
      })
      .strict()
      .default({ limit: 25 }),
  )
  .output(pageOutput(payoutOutput))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.services.prisma.payout.findMany({
      where: { mentorId: ctx.user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageArgs(input),
    });
    // A cursor naming another mentor's payout yields nothing of theirs: the where clause holds.
    const page = cursorPage(rows, input.limit);
    return { items: page.items.map(toPayoutOutput), nextCursor: page.nextCursor };
  });

import { z } from "zod";
import { disputeStatus } from "../../contracts/index.ts";
import { adminProcedure } from "../../trpc/init.ts";

const disputeRow = z.object({
  id: z.string(),
  provider: z.string(),
  providerDisputeId: z.string(),
  paymentId: z.string(),
  mentorName: z.string().nullable(),
  currency: z.string(),
  amountMinor: z.number().int(),
  frozenMinor: z.number().int(),
  reason: z.string().nullable(),
  status: disputeStatus,
  openedAt: z.date(),
  closedAt: z.date().nullable(),
});

const receivableRow = z.object({
  mentorId: z.string(),
  mentorName: z.string().nullable(),
  currency: z.string(),
  /** What the mentor owes, positive. */
  owedMinor: z.number().int(),
});

/**
 * Disputes (open first, then the latest closed) and what mentors owe after refunds or lost
 * disputes following a release, netted against their next earnings.
 */
export const adminListDisputes = adminProcedure
  .output(z.object({ disputes: z.array(disputeRow), receivables: z.array(receivableRow) }))
  .query(async ({ ctx }) => {
    const { prisma } = ctx.services;
    const rows = await prisma.dispute.findMany({
      orderBy: [{ status: "asc" }, { openedAt: "desc" }],
      take: 100,
    });
    const payments = await prisma.payment.findMany({
      where: { id: { in: rows.map((row) => row.paymentId) } },
      select: { id: true, mentorId: true },
    });
    const owed = await prisma.$queryRaw<{ owner: string; currency: string; total: bigint }[]>`
      SELECT a.owner, a.currency, sum(e."amountMinor") AS total
      FROM ledger_account a JOIN ledger_entry e ON e."accountId" = a.id
      WHERE a.kind = 'MENTOR_RECEIVABLE'
      GROUP BY a.owner, a.currency HAVING sum(e."amountMinor") <> 0
      ORDER BY sum(e."amountMinor") ASC LIMIT 100`;
    const mentorIds = [
      ...new Set([
        ...payments.flatMap((payment) => (payment.mentorId ? [payment.mentorId] : [])),
        ...owed.map((row) => row.owner),
      ]),
    ];
    const users = await prisma.user.findMany({
      where: { id: { in: mentorIds } },
      select: { id: true, name: true },
    });
    const nameOf = (id: string | null | undefined) =>
      users.find((user) => user.id === id)?.name ?? null;
    const mentorOf = (paymentId: string) =>
      payments.find((payment) => payment.id === paymentId)?.mentorId;
    return {
      disputes: rows.map((row) => ({
        id: row.id,
        provider: row.provider,
        providerDisputeId: row.providerDisputeId,
        paymentId: row.paymentId,
        mentorName: nameOf(mentorOf(row.paymentId)),
        currency: row.currency,
        amountMinor: row.amountMinor,
        frozenMinor: row.frozenMinor,
        reason: row.reason,
        status: row.status,
        openedAt: row.openedAt,
        closedAt: row.closedAt,
      })),
      receivables: owed.map((row) => ({
        mentorId: row.owner,
        mentorName: nameOf(row.owner),
        currency: row.currency,
        owedMinor: -Number(row.total),
      })),
    };
  });

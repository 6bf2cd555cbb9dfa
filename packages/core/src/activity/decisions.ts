import type { Db } from "@mentora/db";
import { z } from "zod";

const waiting = z.object({
  count: z.number().int(),
  /** Since when the oldest one waits (null when none does). */
  oldestAt: z.date().nullable(),
});

/** What waits for an admin's decision, read from the domain tables (their state now). */
export const adminDecisions = z.object({
  payoutsAwaitingApproval: waiting,
  failedWebhooks: waiting,
  openDisputes: waiting,
  attendanceReviews: waiting,
});
export type AdminDecisions = z.infer<typeof adminDecisions>;

/** Four counts on the status indexes of payouts, webhook events, disputes and reviews. */
export async function readAdminDecisions(db: Db): Promise<AdminDecisions> {
  const [payouts, webhooks, disputes, reviews] = await Promise.all([
    db.payout.aggregate({
      where: { status: "REQUESTED" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    db.webhookEvent.aggregate({
      where: { status: { in: ["FAILED", "DEAD"] } },
      _count: { _all: true },
      _min: { receivedAt: true },
    }),
    db.dispute.aggregate({
      where: { status: "OPEN" },
      _count: { _all: true },
      _min: { openedAt: true },
    }),
    db.attendanceReview.aggregate({
      where: { status: "PENDING" },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
  ]);
  return {
    payoutsAwaitingApproval: { count: payouts._count._all, oldestAt: payouts._min.createdAt },
    failedWebhooks: { count: webhooks._count._all, oldestAt: webhooks._min.receivedAt },
    openDisputes: { count: disputes._count._all, oldestAt: disputes._min.openedAt },
    attendanceReviews: { count: reviews._count._all, oldestAt: reviews._min.createdAt },
  };
}

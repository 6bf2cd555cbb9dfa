import { isGatewayError } from "@mentora/payment-gateway";
import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { callGateway } from "../payments/index.ts";
import { publishToAdmins } from "../realtime/index.ts";
import { executePayoutQueue } from "./execute-payout.queue.ts";
import { gatewayDestinationOf, methodFromRow } from "./method.ts";
import { applyProviderPayout, failPayout } from "./payout-service.ts";

/**
 * Pays one APPROVED payout through its gateway. Sent with singletonKey = the mentor on a
 * `singleton` queue, so two workers never run two payouts of the same mentor at once.
 *
 * A worker that dies mid-job stops heartbeating; pg-boss fails the job after heartbeatSeconds
 * and retries it. The retry finds the payout PROCESSING and leaves it alone: only the gateway's
 * answer (webhook, or `payout.reconcile` asking findPayout with the payout's key) moves a
 * PROCESSING payout, so a crash between the transfer and our update never pays twice.
 */
export const executePayoutJob = defineHandler(
  executePayoutQueue,
  async ({ payoutId }, services: AppServices) => {
    await executePayout(services, payoutId);
  },
);

export type ExecuteOutcome = "not-approved" | "paid" | "failed" | "pending" | "unknown";

export async function executePayout(
  services: AppServices,
  payoutId: string,
  now = new Date(),
): Promise<ExecuteOutcome> {
  const { prisma, logger } = services;
  const approved = await prisma.payout.findUnique({ where: { id: payoutId } });
  if (approved?.status !== "APPROVED" || !approved.gatewayId) return "not-approved";
  // Before claiming: an unloaded gateway throws here and the job retries, the payout untouched.
  const gateway = services.gateways.get(approved.gatewayId);
  const createPayout = gateway.createPayout?.bind(gateway);
  if (!createPayout) throw new Error(`gateway ${gateway.id} cannot pay out`);
  const destination = gatewayDestinationOf(
    methodFromRow({ kind: approved.method, destination: approved.destination }),
  );
  if (!destination) throw new Error(`payout ${payoutId} has no gateway destination`);

  // The claim: exactly one worker moves it APPROVED → PROCESSING and makes the call.
  const claimed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.payout.updateMany({
      where: { id: payoutId, status: "APPROVED" },
      data: { status: "PROCESSING", processingAt: now, attempts: { increment: 1 } },
    });
    if (count === 1) await publishToAdmins(tx, "admin.payouts", payoutId);
    return count === 1;
  });
  if (!claimed) return "not-approved";
  const payout = await prisma.payout.findUniqueOrThrow({ where: { id: payoutId } });

  let truth: Awaited<ReturnType<typeof createPayout>>;
  try {
    truth = await callGateway(services, gateway, "createPayout", () =>
      createPayout({
        payoutId: payout.id,
        idempotencyKey: payout.gatewayKey,
        amount: { amountMinor: payout.amountMinor, currency: payout.currency },
        destination,
        note: "Mentora earnings",
      }),
    );
  } catch (error) {
    if (isGatewayError(error, "permanent")) {
      await prisma.$transaction((tx) =>
        failPayout(services, tx, payout, { reason: error.code, now }),
      );
      logger.warn({ payoutId, reason: error.code }, "payout refused by the gateway");
      return "failed";
    }
    // Timeout, or retries exhausted: the transfer may exist. Never assume it failed; leave it
    // PROCESSING for the webhook or payout.reconcile.
    logger.warn({ payoutId, err: error }, "payout outcome unknown: left for reconciliation");
    return "unknown";
  }
  const status = await applyProviderPayout(services, payout.id, truth, now);
  logger.info({ payoutId, status }, "payout executed");
  return status === "PAID" ? "paid" : status === "PROCESSING" ? "pending" : "failed";
}

import type { AppServices } from "../app/types.ts";
import { defineHandler } from "../jobs/define.ts";
import { callGateway } from "../payments/index.ts";
import { applyProviderPayout, enqueueExecute, transitionPayout } from "./payout-service.ts";
import { reconcilePayoutsQueue } from "./reconcile-payouts.queue.ts";

const batchSize = 100;

/**
 * Every few minutes: payouts APPROVED or PROCESSING for longer than
 * PAYOUT_RECONCILE_AFTER_MINUTES are repaired from the gateway's own records.
 */
export const reconcilePayoutsJob = defineHandler(
  reconcilePayoutsQueue,
  async (_data, services: AppServices) => {
    await reconcilePayouts(services);
  },
);

export interface ReconcileReport {
  /** APPROVED payouts whose execute job was sent again (nothing was ever sent for them). */
  reenqueued: string[];
  /** PROCESSING payouts the gateway answered for (paid, failed or still pending). */
  settled: string[];
  /** Confirmed absent at the gateway: back to APPROVED for a new attempt with the same key. */
  retried: string[];
  /** The gateway could not confirm either way: left PROCESSING, and an alert counted. */
  unconfirmed: string[];
}

/**
 * - APPROVED (never sent: the call happens after APPROVED → PROCESSING): execute is sent again.
 * - PROCESSING: findPayout with the payout's key, and the provider's id once an answer gave one
 *   (PayPal finds its batch by it from any process). Found → its status is applied (paid → PAID
 *   in the same transaction as execute's success path). null from a gateway that can confirm
 *   absence → back to APPROVED and execute again with the SAME key. A gateway whose lookup only
 *   knows its own process's submissions (PayPal: capabilities.payoutLookup = "process") cannot
 *   confirm absence: the payout is left PROCESSING and an alert is raised for an admin to check
 *   at the provider. A lookup that fails changes nothing. Never revert without the gateway.
 */
export async function reconcilePayouts(
  services: AppServices,
  now = new Date(),
): Promise<ReconcileReport> {
  const { prisma, logger, telemetry } = services;
  const cutoff = new Date(now.getTime() - services.config.payouts.reconcileAfterMinutes * 60_000);
  const report: ReconcileReport = { reenqueued: [], settled: [], retried: [], unconfirmed: [] };

  const stale = await prisma.payout.findMany({
    where: {
      gatewayId: { not: null },
      OR: [
        { status: "APPROVED", updatedAt: { lt: cutoff } },
        { status: "PROCESSING", processingAt: { lt: cutoff } },
      ],
    },
    orderBy: { updatedAt: "asc" },
    take: batchSize,
  });
  for (const payout of stale) {
    if (payout.status === "APPROVED") {
      await prisma.$transaction(async (tx) => {
        // Touch it so the next pass waits another period before sending again.
        const still = await transitionPayout(tx, { id: payout.id }, ["APPROVED"], {
          updatedAt: now,
        });
        if (still) await enqueueExecute(services, tx, still);
      });
      report.reenqueued.push(payout.id);
      continue;
    }
    const gatewayId = payout.gatewayId as string;
    if (!services.gateways.ids.includes(gatewayId)) {
      logger.error({ payoutId: payout.id, gatewayId }, "payout's gateway is not loaded");
      continue;
    }
    const gateway = services.gateways.get(gatewayId);
    const findPayout = gateway.findPayout?.bind(gateway);
    let found: Awaited<ReturnType<NonNullable<typeof findPayout>>> | undefined;
    try {
      found = findPayout
        ? await callGateway(services, gateway, "findPayout", () =>
            findPayout({
              payoutId: payout.id,
              idempotencyKey: payout.gatewayKey,
              // Stored from an earlier answer: PayPal finds the payout by it from any process.
              ...(payout.providerPayoutId ? { providerPayoutId: payout.providerPayoutId } : {}),
            }),
          )
        : undefined;
    } catch (error) {
      logger.warn({ payoutId: payout.id, err: error }, "payout lookup failed: retried next pass");
      continue;
    }
    if (found) {
      await applyProviderPayout(services, payout.id, found, now);
      report.settled.push(payout.id);
      continue;
    }
    if (found === undefined || gateway.capabilities.payoutLookup === "process") {
      telemetry.recordFailure(`payout:unconfirmed:${gatewayId}`);
      logger.error(
        { payoutId: payout.id, gatewayId, since: payout.processingAt },
        "payout stuck in PROCESSING and the gateway cannot confirm it is absent: check at the provider",
      );
      report.unconfirmed.push(payout.id);
      continue;
    }
    await prisma.$transaction(async (tx) => {
      const back = await transitionPayout(tx, { id: payout.id }, ["PROCESSING"], {
        status: "APPROVED",
        processingAt: null,
      });
      if (back) await enqueueExecute(services, tx, back);
    });
    logger.warn({ payoutId: payout.id }, "payout absent at the gateway: sent again, same key");
    report.retried.push(payout.id);
  }
  return report;
}

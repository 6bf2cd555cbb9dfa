import type { GatewayWebhookEvent, ProviderPayout } from "@mentora/payment-gateway";
import type { AppServices } from "../app/types.ts";
import { callGateway } from "../payments/index.ts";
import { applyProviderPayout } from "./payout-service.ts";

/**
 * payout.paid / payout.failed (wired to webhook.process in app/job-handlers.ts) drive the same
 * idempotent transitions as execute and reconcile. The provider's lookup is the truth when it has an answer; a gateway that cannot look the payout
 * up from this process (payoutLookup "process") is taken at its verified event.
 */
export async function handlePayoutEvent(
  services: AppServices,
  provider: string,
  event: GatewayWebhookEvent,
): Promise<void> {
  if (event.type !== "payout.paid" && event.type !== "payout.failed") return;
  const payout = await services.prisma.payout.findFirst({
    where: { gatewayId: provider, providerPayoutId: event.providerPayoutId },
  });
  if (!payout) {
    // Not recorded yet (the event beat execute's answer, or the worker died before it): execute's
    // own answer or payout.reconcile settles it from the gateway's records.
    services.logger.info(
      { provider, providerPayoutId: event.providerPayoutId, type: event.type },
      "payout event for a payout not known by its provider id yet",
    );
    return;
  }
  const gateway = services.gateways.get(provider);
  const findPayout = gateway.findPayout?.bind(gateway);
  const found = findPayout
    ? await callGateway(services, gateway, "findPayout", () =>
        findPayout({
          payoutId: payout.id,
          idempotencyKey: payout.gatewayKey,
          ...(payout.providerPayoutId ? { providerPayoutId: payout.providerPayoutId } : {}),
        }),
      )
    : null;
  const truth: ProviderPayout | null =
    found ??
    (gateway.capabilities.payoutLookup === "process" || !findPayout
      ? {
          providerPayoutId: event.providerPayoutId,
          status: event.type === "payout.paid" ? "paid" : "failed",
          ...(event.failureReason ? { failureReason: event.failureReason } : {}),
        }
      : null);
  if (!truth) {
    services.logger.warn({ payoutId: payout.id }, "payout event the gateway does not confirm");
    return;
  }
  if (truth.providerPayoutId !== event.providerPayoutId) {
    services.logger.warn({ payoutId: payout.id }, "payout event for an earlier attempt: ignored");
    return;
  }
  await applyProviderPayout(services, payout.id, truth);
}

import type { AppServices } from "../../app/types.ts";
import { expireHold } from "../../bookings/index.ts";
import { defineHandler } from "../../jobs/define.ts";
import { callGateway } from "../gateway-call.ts";
import { closePayment, settlePayment } from "../settlement/settle-payment.ts";
import { expirePaymentQueue } from "./expire-payment.queue.ts";

/**
 * Ends a checkout nobody finished. The provider is asked first: a payment that succeeded at the
 * last second is settled, not expired. Then the payment closes (its reserved wallet part goes
 * back) and the booking's hold is released. Scheduled at the payment's expiry; a run before it
 * (the provider extended the lifespan and a later job exists) does nothing.
 */
export const expirePaymentJob = defineHandler(
  expirePaymentQueue,
  async ({ paymentId }, services: AppServices) => {
    await expirePayment(services, paymentId, new Date());
  },
);

export async function expirePayment(
  services: AppServices,
  paymentId: string,
  now: Date,
): Promise<"expired" | "settled" | "skipped"> {
  const payment = await services.prisma.payment.findUnique({ where: { id: paymentId } });
  if (!payment) return "skipped";
  if (payment.status === "PENDING" && payment.expiresAt > now) return "skipped";
  let result: "expired" | "settled" | "skipped" = "skipped";
  if (payment.status === "PENDING") {
    if (payment.provider && payment.providerPaymentId) {
      const gateway = services.gateways.get(payment.provider);
      const providerPaymentId = payment.providerPaymentId;
      // A failure here throws: the job retries, and the payment stays open meanwhile.
      const truth = await callGateway(services, gateway, "getPayment", () =>
        gateway.getPayment(providerPaymentId),
      );
      const settled = await settlePayment(services, payment.id, truth, now);
      if (settled.status === "SUCCEEDED") return "settled";
    }
    result = (await closePayment(services, payment.id, "EXPIRED", "checkout expired", now))
      ? "expired"
      : "skipped";
  }
  if (payment.bookingId) await expireHold(services, payment.bookingId, now);
  return result;
}

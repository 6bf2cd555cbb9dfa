import type { AppServices } from "../../app/types.ts";
import { callGateway } from "../gateway-call.ts";
import { settlePayment } from "../settlement/settle-payment.ts";
import { isReturnSecretValid } from "./return-secret.ts";

export type PaymentReturnOutcome = "settled" | "pending" | "replayed" | "invalid";

/**
 * The payer is back from the provider. The URL's secret proves the link is ours and is spent
 * on first use (a replayed link changes nothing and asks the provider nothing); the outcome comes
 * from the provider (getPayment), never from the query string. If the provider cannot be asked
 * now, the webhook or the expiry job settles it: the status page keeps watching.
 */
export async function handlePaymentReturn(
  services: AppServices,
  input: { paymentId: string; secret: string },
  now = new Date(),
): Promise<PaymentReturnOutcome> {
  if (!isReturnSecretValid(services.config.auth.secret, input.paymentId, input.secret)) {
    return "invalid";
  }
  const claimed = await services.prisma.payment.updateMany({
    where: { id: input.paymentId, returnUsedAt: null },
    data: { returnUsedAt: now },
  });
  if (claimed.count === 0) {
    const exists = await services.prisma.payment.count({ where: { id: input.paymentId } });
    return exists ? "replayed" : "invalid";
  }
  const payment = await services.prisma.payment.findUniqueOrThrow({
    where: { id: input.paymentId },
  });
  // A closed payment is asked about too: the payer may have paid after we closed it.
  if (payment.status === "SUCCEEDED" || !payment.provider || !payment.providerPaymentId) {
    return payment.status === "PENDING" ? "pending" : "settled";
  }
  const gateway = services.gateways.get(payment.provider);
  const providerPaymentId = payment.providerPaymentId;
  try {
    const truth = await callGateway(services, gateway, "getPayment", () =>
      gateway.getPayment(providerPaymentId),
    );
    const result = await settlePayment(services, payment.id, truth, now);
    return result.status === "PENDING" ? "pending" : "settled";
  } catch (error) {
    services.logger.warn({ err: error, paymentId: payment.id }, "return: provider not reachable");
    return "pending";
  }
}

import type { Prisma } from "@mentora/db";
import { idempotencyKey, isSupportedCurrency, money } from "@mentora/payment-gateway";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../../app/types.ts";
import { expireHoldQueue } from "../../bookings/index.ts";
import { AppError } from "../../errors/index.ts";
import { enqueue } from "../../jobs/define.ts";
import {
  accounts,
  balanceOf,
  ledgerTransactionOptions,
  reserveWallet,
} from "../../ledger/index.ts";
import { callGateway, userFacingGatewayError } from "../gateway-call.ts";
import { GatewayRegistryError } from "../registry/index.ts";
import { closePayment, settleInTransaction } from "../settlement/settle-payment.ts";
import { expirePaymentQueue } from "./expire-payment.queue.ts";
import { returnUrlFor, statusUrlFor } from "./return-secret.ts";

const MINUTE = 60_000;

export interface StartedPayment {
  paymentId: string;
  status: "PENDING" | "SUCCEEDED";
  /** Where to send the payer: the provider's hosted checkout, or our status page. */
  redirectUrl: string;
}

type PaymentRow = Prisma.PaymentGetPayload<object>;

/**
 * Starts (or resumes) paying a held booking: the wallet pays what it can (reserved now, captured
 * on success), the gateway routed for the currency takes the rest. A second call while a payment
 * is open returns that payment, so double clicks and retries make one checkout.
 */
export async function startBookingPayment(
  services: AppServices,
  input: { bookingId: string; userId: string; buyerReference?: string | null },
  now = new Date(),
): Promise<StartedPayment> {
  const { prisma, config } = services;
  const buyerReference = input.buyerReference || null;
  const payment = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM booking WHERE id = ${input.bookingId} FOR UPDATE`;
    const booking = await tx.booking.findUnique({
      where: { id: input.bookingId },
      include: { session: { select: { status: true, mentorId: true, offeringId: true } } },
    });
    if (!booking || booking.menteeId !== input.userId) throw new AppError("NOT_FOUND");
    if (booking.status === "EXPIRED") throw new AppError("HOLD_EXPIRED");
    if (booking.status === "CANCELLED" || booking.session.status === "CANCELLED") {
      throw new AppError("BOOKING_CANCELLED");
    }
    if (booking.status !== "PENDING_PAYMENT") {
      throw new AppError("BOOKING_NOT_PAYABLE");
    }
    const open = await tx.payment.findFirst({
      where: { bookingId: booking.id, status: "PENDING" },
    });
    if (open) {
      // A purchase order typed on the retry applies to the checkout being resumed.
      if (!buyerReference || open.buyerReference === buyerReference) return open;
      return tx.payment.update({ where: { id: open.id }, data: { buyerReference } });
    }
    if (!booking.holdExpiresAt || booking.holdExpiresAt <= now) {
      throw new AppError("HOLD_EXPIRED");
    }

    const balance = await balanceOf(tx, accounts.wallet(input.userId, booking.currency));
    const walletPart = Math.min(Math.max(balance, 0), booking.priceMinor);
    const gatewayPart = booking.priceMinor - walletPart;
    const gatewayId = gatewayPart > 0 ? routedGatewayId(services, booking.currency) : null;
    const expiresAt = new Date(now.getTime() + config.payments.lifespanMinutes * MINUTE);

    const created = await tx.payment.create({
      data: {
        userId: input.userId,
        purpose: "BOOKING",
        bookingId: booking.id,
        mentorId: booking.session.mentorId,
        feeBasisPoints: config.payments.feeBasisPoints,
        currency: booking.currency,
        amountMinor: booking.priceMinor,
        walletAmountMinor: walletPart,
        gatewayAmountMinor: gatewayPart,
        provider: gatewayId,
        status: "PENDING",
        expiresAt,
        buyerReference,
      },
    });
    if (walletPart > 0) {
      await reserveWallet(tx, {
        userId: input.userId,
        currency: booking.currency,
        amountMinor: walletPart,
        idempotencyKey: `payment:${created.id}:reserve`,
        paymentId: created.id,
        bookingId: booking.id,
      });
    }
    if (gatewayPart === 0) {
      // The wallet covers it all: no provider, settled now in this transaction.
      await settleInTransaction(services, tx, created, "succeeded", now);
      return tx.payment.findUniqueOrThrow({ where: { id: created.id } });
    }
    await holdUntil(services, tx, booking.id, booking.holdExpiresAt, expiresAt);
    await enqueue(
      services.boss,
      expirePaymentQueue,
      { paymentId: created.id },
      { db: fromPrisma(tx), startAfter: expiresAt },
    );
    return created;
  }, ledgerTransactionOptions);

  return startedFrom(services, payment, await userEmail(services, input.userId));
}

/** Tops the wallet up through the gateway routed for the currency. */
export async function startWalletTopUp(
  services: AppServices,
  input: { userId: string; amountMinor: number; currency: string },
  now = new Date(),
): Promise<StartedPayment> {
  const { prisma, config } = services;
  if (!isSupportedCurrency(input.currency)) {
    throw new AppError("CURRENCY_NOT_SUPPORTED", { currency: input.currency });
  }
  if (
    !Number.isSafeInteger(input.amountMinor) ||
    input.amountMinor <= 0 ||
    input.amountMinor > config.payments.topUpMaxMinor
  ) {
    throw new AppError("VALIDATION_FAILED", {
      field: "amountMinor",
      max: config.payments.topUpMaxMinor,
    });
  }
  const gatewayId = routedGatewayId(services, input.currency);
  const expiresAt = new Date(now.getTime() + config.payments.lifespanMinutes * MINUTE);
  const payment = await prisma.$transaction(async (tx) => {
    const created = await tx.payment.create({
      data: {
        userId: input.userId,
        purpose: "TOP_UP",
        currency: input.currency,
        amountMinor: input.amountMinor,
        walletAmountMinor: 0,
        gatewayAmountMinor: input.amountMinor,
        provider: gatewayId,
        status: "PENDING",
        expiresAt,
      },
    });
    await enqueue(
      services.boss,
      expirePaymentQueue,
      { paymentId: created.id },
      { db: fromPrisma(tx), startAfter: expiresAt },
    );
    return created;
  });
  return startedFrom(services, payment, await userEmail(services, input.userId));
}

function routedGatewayId(services: AppServices, currency: string): string {
  try {
    const gateway = services.gateways.forCurrency(currency);
    if (!gateway.capabilities.hostedCheckout) throw new AppError("CURRENCY_NOT_SUPPORTED");
    return gateway.id;
  } catch (error) {
    if (error instanceof GatewayRegistryError) {
      throw new AppError("CURRENCY_NOT_SUPPORTED", { currency });
    }
    throw error;
  }
}

/** Keeps the slot held while the checkout is open; the payment's expiry releases both. */
async function holdUntil(
  services: AppServices,
  tx: Prisma.TransactionClient,
  bookingId: string,
  current: Date | null,
  until: Date,
): Promise<void> {
  if (current && current >= until) return;
  await tx.booking.update({ where: { id: bookingId }, data: { holdExpiresAt: until } });
  await enqueue(
    services.boss,
    expireHoldQueue,
    { bookingId },
    { db: fromPrisma(tx), startAfter: until },
  );
}

async function userEmail(services: AppServices, userId: string) {
  return services.prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true },
  });
}

async function startedFrom(
  services: AppServices,
  payment: PaymentRow,
  customer: { email: string; name: string } | null,
): Promise<StartedPayment> {
  const statusUrl = statusUrlFor(services.config.app.publicUrl, payment.id);
  if (payment.status === "SUCCEEDED") {
    return { paymentId: payment.id, status: "SUCCEEDED", redirectUrl: statusUrl };
  }
  if (payment.status !== "PENDING") throw new AppError("BOOKING_NOT_PAYABLE");
  const redirectUrl = payment.redirectUrl ?? (await ensureCheckout(services, payment, customer));
  return { paymentId: payment.id, status: "PENDING", redirectUrl };
}

/**
 * Opens the provider's checkout for the gateway part. Always with the key `payment:<id>` and the
 * same URLs, so a retry after a timeout finds the first checkout instead of opening a second.
 * A refusal closes the payment (the reservation returns to the wallet); an unknown outcome
 * leaves it open for the next attempt or for its expiry.
 */
export async function ensureCheckout(
  services: AppServices,
  payment: PaymentRow,
  customer: { email: string; name: string } | null,
): Promise<string> {
  const { config } = services;
  if (!payment.provider) throw new AppError("BOOKING_NOT_PAYABLE");
  const gateway = services.gateways.get(payment.provider);
  const lifespanMinutes = Math.max(
    1,
    Math.ceil((payment.expiresAt.getTime() - payment.createdAt.getTime()) / MINUTE),
  );
  let checkout: Awaited<ReturnType<typeof gateway.createCheckout>>;
  try {
    checkout = await callGateway(services, gateway, "createCheckout", () =>
      gateway.createCheckout({
        paymentId: payment.id,
        idempotencyKey: idempotencyKey.payment(payment.id),
        amount: money(payment.gatewayAmountMinor, payment.currency),
        description:
          payment.purpose === "TOP_UP" ? "Mentora wallet top-up" : "Mentora mentoring session",
        ...(customer ? { customer: { email: customer.email, name: customer.name } } : {}),
        successUrl: returnUrlFor(config.app.publicUrl, config.auth.secret, payment.id),
        cancelUrl: statusUrlFor(config.app.publicUrl, payment.id),
        expiresInMinutes: lifespanMinutes,
        webhookUrl: `${config.app.publicUrl.replace(/\/+$/, "")}/api/webhooks/${gateway.id}`,
      }),
    );
  } catch (error) {
    services.logger.warn({ err: error, paymentId: payment.id }, "checkout could not be opened");
    const userError = userFacingGatewayError(error);
    if (userError.code === "PAYMENT_REFUSED") {
      await closePayment(
        services,
        payment.id,
        "FAILED",
        `checkout refused: ${userError.details?.reason}`,
      );
    }
    throw userError;
  }

  await services.prisma.$transaction(async (tx) => {
    const { count } = await tx.payment.updateMany({
      where: { id: payment.id, status: "PENDING" },
      data: {
        providerPaymentId: checkout.providerPaymentId,
        redirectUrl: checkout.redirectUrl,
        expiresAt: checkout.expiresAt,
      },
    });
    if (count === 0) return;
    // The provider may round the lifespan up (Stripe takes 30 minutes at least): follow it.
    if (checkout.expiresAt > payment.expiresAt) {
      if (payment.bookingId) {
        const booking = await tx.booking.findUniqueOrThrow({ where: { id: payment.bookingId } });
        await holdUntil(services, tx, payment.bookingId, booking.holdExpiresAt, checkout.expiresAt);
      }
      await enqueue(
        services.boss,
        expirePaymentQueue,
        { paymentId: payment.id },
        { db: fromPrisma(tx), startAfter: checkout.expiresAt },
      );
    }
  });
  return checkout.redirectUrl;
}

import type { Prisma } from "@mentora/db";
import { renderPayoutMethodChanged } from "@mentora/email";
import { negotiateLocale } from "@mentora/i18n";
import { fromPrisma } from "pg-boss";
import type { AppServices } from "../app/types.ts";
import { type AuditActor, writeAudit } from "../audit/index.ts";
import { sendEmailQueue } from "../email/index.ts";
import { AppError } from "../errors/index.ts";
import { enqueue } from "../jobs/define.ts";
import { ledgerTransactionOptions } from "../ledger/index.ts";
import {
  destinationJsonOf,
  gatewayIdOf,
  maskedDestination,
  methodFromRow,
  type PayoutMethodValue,
} from "./method.ts";
import { releaseReservationOf, transitionPayout } from "./payout-service.ts";
import { sendPayoutEmailConfirmation } from "./paypal-verification.ts";

type Services = Pick<AppServices, "prisma" | "boss" | "config" | "gateways">;
type MethodRow = Prisma.PayoutMethodGetPayload<object>;

export interface ChangeMethodResult {
  row: MethodRow;
  /** False when the same destination was saved again (nothing else happened). */
  changed: boolean;
  cancelledPayoutIds: string[];
}

const sameDestination = (a: PayoutMethodValue, b: PayoutMethodValue) =>
  JSON.stringify({ kind: a.kind, ...destinationJsonOf(a) }) ===
  JSON.stringify({ kind: b.kind, ...destinationJsonOf(b) });

/**
 * Sets the mentor's payout method. Replacing a destination, in one transaction: every open
 * request (REQUESTED, or APPROVED for a gateway and not yet claimed by payout.execute) is
 * cancelled with its reservation returned through the ledger and an audit entry; a cooldown
 * starts (PAYOUT_METHOD_COOLDOWN_HOURS) during which requestPayout refuses; and the mentor's own
 * address is told. Whoever took over an account cannot silently redirect money: pending payouts
 * keep their frozen destination or are cancelled, and new ones wait while the owner is warned.
 * A first method has no cooldown (nothing was redirected); the same destination saved again is
 * not a change.
 */
export async function changePayoutMethod(
  services: Services,
  input: { mentorId: string; method: PayoutMethodValue; actor: AuditActor; now?: Date },
): Promise<ChangeMethodResult> {
  const { config, gateways } = services;
  const { mentorId, method } = input;
  const gatewayId = gatewayIdOf(method.kind);
  if (
    (method.kind === "SANDBOX" && config.app.env === "production") ||
    (gatewayId !== null && !gateways.ids.includes(gatewayId))
  ) {
    throw new AppError("PAYOUT_METHOD_UNAVAILABLE", { method: method.kind });
  }
  const now = input.now ?? new Date();
  return services.prisma.$transaction(async (tx) => {
    // The mentor's row, locked: concurrent changes and requests queue behind this one.
    await tx.$queryRaw`SELECT id FROM "user" WHERE id = ${mentorId} FOR UPDATE`;
    const before = await tx.payoutMethod.findUnique({ where: { mentorId } });
    const previous = before ? methodFromRow(before) : null;
    if (before && previous && sameDestination(previous, method)) {
      return { row: before, changed: false, cancelledPayoutIds: [] };
    }
    const cooldownMs = config.moneyPaths.payoutMethodCooldownMs;
    const cooldownUntil = before && cooldownMs > 0 ? new Date(now.getTime() + cooldownMs) : null;
    const data = {
      kind: method.kind,
      destination: destinationJsonOf(method),
      setAt: now,
      cooldownUntil,
      // A new destination is unverified: a PayPal address waits for its confirmation link.
      verifiedAt: null,
      verificationSentAt: null,
    };
    const row = await tx.payoutMethod.upsert({
      where: { mentorId },
      create: { mentorId, ...data },
      update: data,
    });

    const open = await tx.payout.findMany({
      where: {
        mentorId,
        OR: [{ status: "REQUESTED" }, { status: "APPROVED", gatewayId: { not: null } }],
      },
      select: { id: true },
    });
    const cancelledPayoutIds: string[] = [];
    for (const { id } of open) {
      // Guarded: a payout that payout.execute claimed meanwhile (PROCESSING) pays its frozen
      // destination and is left alone.
      const cancelled = await transitionPayout(tx, { id, mentorId }, ["REQUESTED", "APPROVED"], {
        status: "CANCELLED",
        cancelledAt: now,
      });
      if (!cancelled) continue;
      await releaseReservationOf(tx, cancelled);
      cancelledPayoutIds.push(id);
      await writeAudit(tx, input.actor, {
        action: "payout.cancel-on-method-change",
        targetType: "payout",
        targetId: id,
        details: {
          mentorId,
          amountMinor: cancelled.amountMinor,
          currency: cancelled.currency,
          reason: "payout method changed",
        },
      });
    }
    await writeAudit(tx, input.actor, {
      action: "payout.method-change",
      targetType: "user",
      targetId: mentorId,
      details: {
        from: previous ? { kind: previous.kind, destination: maskedDestination(previous) } : null,
        to: { kind: method.kind, destination: maskedDestination(method) },
        cooldownUntil,
        cancelledPayoutIds,
      },
    });

    if (before) {
      const mentor = await tx.user.findUniqueOrThrow({
        where: { id: mentorId },
        select: { email: true, name: true, locale: true },
      });
      const email = renderPayoutMethodChanged({
        locale: negotiateLocale({ profileLocale: mentor.locale }),
        name: mentor.name,
        method: maskedDestination(method),
        cancelledRequests: cancelledPayoutIds.length,
        availableAt: cooldownUntil,
        payoutsUrl: new URL("/mentor/payouts", config.app.publicUrl).toString(),
      });
      await enqueue(
        services.boss,
        sendEmailQueue,
        { to: mentor.email, ...email },
        {
          db: fromPrisma(tx),
        },
      );
    }
    if (method.kind === "PAYPAL") {
      await sendPayoutEmailConfirmation(services, tx, row, now);
      return {
        row: await tx.payoutMethod.findUniqueOrThrow({ where: { mentorId } }),
        changed: true,
        cancelledPayoutIds,
      };
    }
    return { row, changed: true, cancelledPayoutIds };
  }, ledgerTransactionOptions);
}

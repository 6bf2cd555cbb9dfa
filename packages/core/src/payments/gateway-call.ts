import {
  callWithRetry,
  GatewayError,
  isGatewayError,
  type PaymentGateway,
} from "@mentora/payment-gateway";
import { timeGatewayCall } from "@mentora/telemetry";
import type { AppServices } from "../app/types.ts";
import { AppError } from "../errors/index.ts";

type Services = Pick<AppServices, "telemetry">;

/**
 * One provider call as the domain makes it: retried with backoff for retryable errors only
 * (the adapter bounds each attempt with GATEWAY_TIMEOUT_MS), timed and counted per attempt,
 * and counted towards the failure alert when it finally fails.
 */
export async function callGateway<T>(
  services: Services,
  gateway: PaymentGateway,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await callWithRetry(() =>
      timeGatewayCall(services.telemetry.payments, gateway.id, operation, call, kindOf),
    );
  } catch (error) {
    services.telemetry.recordFailure(`gateway:${gateway.id}:${operation}`);
    throw error;
  }
}

function kindOf(error: unknown) {
  return isGatewayError(error) ? error.kind : "indeterminate";
}

/** What a user sees when a call made on their behalf fails. */
export function userFacingGatewayError(error: unknown): AppError {
  if (error instanceof GatewayError && error.kind === "permanent") {
    return new AppError("PAYMENT_REFUSED", { reason: error.code });
  }
  return new AppError("GATEWAY_UNAVAILABLE");
}

import { existsSync } from "node:fs";
import path from "node:path";
import { findSpecsDir, mustNotSkip } from "@mentora/payment-gateway/testing";

/**
 * The specs folder when it holds PayPal's specs, else null: the caller skips with a reason.
 * Under CI=true a missing spec fails the run: a fake that validates nothing proves nothing.
 */
export function paypalSpecsDir(): string | null {
  const dir = findSpecsDir();
  const found = dir && existsSync(path.join(dir, "paypal", "checkout_orders_v2.json")) ? dir : null;
  if (!found && mustNotSkip) {
    throw new Error(
      "PayPal OpenAPI specs (paypal/*.json) not found under CI: set MENTORA_SPECS_DIR",
    );
  }
  return found;
}

export const skipReason = "PayPal OpenAPI specs not found (set MENTORA_SPECS_DIR): skipped";

import { toDecimalString } from "@mentora/payment-gateway";
import type { SandboxPaymentRecord } from "../sandbox-records.ts";
import { escapeHtml, pageShell } from "./html.ts";

export function formatAmount(record: SandboxPaymentRecord): string {
  return `${toDecimalString(record.amount)} ${record.amount.currency}`;
}

export function renderCheckoutPage(record: SandboxPaymentRecord, formAction: string): string {
  const amount = escapeHtml(formatAmount(record));
  return pageShell(
    "Sandbox checkout",
    `<h1>Sandbox checkout</h1>
<dl>
<dt>Amount</dt><dd>${amount}</dd>
<dt>Description</dt><dd>${escapeHtml(record.description)}</dd>
<dt>Expires</dt><dd><time datetime="${record.expiresAt.toISOString()}">${escapeHtml(record.expiresAt.toUTCString())}</time></dd>
</dl>
<form method="post" action="${escapeHtml(formAction)}" class="actions" aria-label="Choose how this test payment ends">
<button type="submit" name="action" value="pay" class="primary">Pay ${amount}</button>
<button type="submit" name="action" value="decline">Decline (the payment fails)</button>
<button type="submit" name="action" value="abandon">Abandon (back to Mentora, nothing paid)</button>
</form>`,
  );
}

export function renderExpiredPage(record: SandboxPaymentRecord): string {
  return pageShell(
    "Sandbox checkout expired",
    `<h1>This checkout has expired</h1>
<p>Nothing was charged. Go back and start the payment again.</p>
<p><a class="button" href="${escapeHtml(record.cancelUrl)}">Back to Mentora</a></p>`,
  );
}

export function renderFinishedPage(record: SandboxPaymentRecord): string {
  const paid = record.status === "succeeded";
  return pageShell(
    "Sandbox checkout finished",
    `<h1>${paid ? "This checkout is already paid" : "This checkout is closed"}</h1>
<p><a class="button" href="${escapeHtml(paid ? record.successUrl : record.cancelUrl)}">Back to Mentora</a></p>`,
  );
}

export function renderNotFoundPage(): string {
  return pageShell(
    "Sandbox checkout not found",
    "<h1>No such checkout</h1><p>The link is wrong or the checkout no longer exists.</p>",
  );
}

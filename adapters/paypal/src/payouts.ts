import {
  type FindPayoutInput,
  GatewayError,
  type PayoutInput,
  type ProviderPayout,
  toDecimalString,
} from "@mentora/payment-gateway";
import { type PayoutBatchBody, toProviderPayout } from "./payout-status.ts";
import type { PayPalResponse } from "./paypal-api.ts";
import type { PayPalCalls } from "./paypal-calls.ts";
import {
  type PayPalErrorBody,
  type PayPalLink,
  PROVIDER,
  parseErrorBody,
} from "./paypal-errors.ts";

const batchPath = /\/v1\/payments\/payouts\/([^/?#]+)$/;
const rememberedPayouts = 1000;

/** The batch id in the HATEOAS link of PayPal's "sender_batch_id already used" refusal. */
export function originalBatchId(body: PayPalErrorBody): string | undefined {
  const links: PayPalLink[] = [
    ...(body.links ?? []),
    ...(body.details ?? []).flatMap((detail) => detail.link ?? []),
  ];
  for (const link of links) {
    const match = batchPath.exec(new URL(link.href, "https://api-m.paypal.com").pathname);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  return undefined;
}

function isDuplicateBatch({ status, body }: PayPalResponse): boolean {
  if (status !== 400 && status !== 422) return false;
  const error = parseErrorBody(body);
  const aboutBatchId = (error.details ?? []).some(
    (d) => d.field?.toUpperCase() === "SENDER_BATCH_ID" || /sender_batch_id/i.test(d.issue ?? ""),
  );
  return aboutBatchId && originalBatchId(error) !== undefined;
}

/**
 * Payouts v1 through plain fetch (the SDK 2.5 has no Payouts controller). sender_batch_id =
 * our payout id: PayPal refuses a reused one for 30 days and links the original batch, so
 * createPayout is idempotent. PayPal has no lookup by sender_batch_id: findPayout fetches the
 * batch by the id core stored from an earlier answer (any process), else by what this process
 * learned (see findPayout).
 */
export function createPayoutOperations({ sendOnce }: PayPalCalls, currencies: readonly string[]) {
  const known = new Map<string, { input?: PayoutInput; batchId?: string }>();
  function remember(payoutId: string, entry: { input?: PayoutInput; batchId?: string }) {
    known.set(payoutId, { ...known.get(payoutId), ...entry });
    if (known.size > rememberedPayouts) known.delete(known.keys().next().value ?? "");
  }

  async function fetchBatch(batchId: string): Promise<ProviderPayout> {
    const response = await sendOnce("GET", `/v1/payments/payouts/${encodeURIComponent(batchId)}`);
    return toProviderPayout(response.body as PayoutBatchBody, batchId);
  }

  async function submit(input: PayoutInput, email: string): Promise<ProviderPayout> {
    const value = { value: toDecimalString(input.amount), currency: input.amount.currency };
    const body = {
      sender_batch_header: {
        sender_batch_id: input.payoutId,
        recipient_type: "EMAIL",
        email_subject: "You have a payout from Mentora",
        email_message: input.note.slice(0, 1000),
      },
      items: [
        {
          recipient_type: "EMAIL",
          receiver: email,
          amount: value,
          note: input.note.slice(0, 1000),
          ...(input.payoutId.length <= 63 ? { sender_item_id: input.payoutId } : {}),
        },
      ],
    };
    const response = await sendOnce(
      "POST",
      "/v1/payments/payouts",
      { body: JSON.stringify(body), headers: { "PayPal-Request-Id": input.idempotencyKey } },
      isDuplicateBatch,
    );
    const batchId =
      response.status < 300
        ? (response.body as PayoutBatchBody).batch_header?.payout_batch_id
        : originalBatchId(parseErrorBody(response.body));
    if (!batchId) {
      throw new GatewayError(
        "indeterminate",
        PROVIDER,
        "unexpected_response",
        "No payout batch id",
      );
    }
    remember(input.payoutId, { batchId });
    // A refusal as duplicate: the original batch is the answer.
    return response.status < 300
      ? toProviderPayout(response.body as PayoutBatchBody)
      : fetchBatch(batchId);
  }

  async function createPayout(input: PayoutInput): Promise<ProviderPayout> {
    if (input.destination.kind !== "paypal_email") {
      throw new GatewayError(
        "permanent",
        PROVIDER,
        "unsupported_destination",
        "PayPal pays emails",
      );
    }
    if (!currencies.includes(input.amount.currency)) {
      throw new GatewayError(
        "permanent",
        PROVIDER,
        "currency_not_supported",
        input.amount.currency,
      );
    }
    remember(input.payoutId, { input }); // before sending: findPayout can resubmit after a lost answer
    return submit(input, input.destination.email);
  }

  /**
   * PayPal offers no lookup by sender_batch_id. The batch id core stored (`providerPayoutId`,
   * from an earlier answer to any process) or that this process learned is fetched; a payout
   * this process submitted without learning its fate is resubmitted with the same
   * sender_batch_id (PayPal answers with the original batch, or creates it if the first attempt
   * never arrived, which is what the caller had asked for). Anything else: null = "not known",
   * NOT proof that PayPal has none; resubmitting createPayout with the same payout id is safe.
   */
  async function findPayout(input: FindPayoutInput): Promise<ProviderPayout | null> {
    if (input.providerPayoutId) return fetchBatch(input.providerPayoutId);
    const entry = known.get(input.payoutId);
    if (entry?.batchId) return fetchBatch(entry.batchId);
    if (entry?.input?.destination.kind === "paypal_email") {
      return submit(entry.input, entry.input.destination.email);
    }
    return null;
  }

  return { createPayout, findPayout };
}

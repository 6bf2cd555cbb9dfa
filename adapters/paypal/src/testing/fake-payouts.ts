import type { EmitEvent } from "./fake-orders.ts";
import {
  apiHost,
  type FakeMoney,
  type FakeResponse,
  notFound,
  now,
  payoutsMoney,
  paypalError,
  paypalId,
  readAmount,
  unprocessable,
} from "./fake-support.ts";

interface PayoutRequest {
  sender_batch_header: { sender_batch_id?: string; recipient_type?: string } & Record<
    string,
    unknown
  >;
  items: {
    recipient_type?: string;
    receiver: string;
    amount: { currency: string; value: string };
    note?: string;
    sender_item_id?: string;
  }[];
}

interface FakeItem {
  id: string;
  transactionId: string;
  status: "SUCCESS" | "FAILED";
  amount: FakeMoney;
  request: PayoutRequest["items"][number];
  timeProcessed: string;
}

interface FakeBatch {
  id: string;
  header: PayoutRequest["sender_batch_header"];
  status: "SUCCESS";
  timeCreated: string;
  items: FakeItem[];
}

const batchLink = (id: string) => ({
  href: `${apiHost}/v1/payments/payouts/${id}`,
  rel: "self",
  method: "GET",
});

function itemJson(item: FakeItem, batch: FakeBatch) {
  return {
    payout_item_id: item.id,
    transaction_id: item.transactionId,
    transaction_status: item.status,
    payout_item_fee: payoutsMoney({ ...item.amount, minor: 0 }),
    payout_batch_id: batch.id,
    sender_batch_id: batch.header.sender_batch_id,
    payout_item: {
      recipient_type: item.request.recipient_type ?? batch.header.recipient_type ?? "EMAIL",
      amount: payoutsMoney(item.amount),
      receiver: item.request.receiver,
      ...(item.request.note ? { note: item.request.note } : {}),
      ...(item.request.sender_item_id ? { sender_item_id: item.request.sender_item_id } : {}),
      recipient_wallet: "PAYPAL",
    },
    time_processed: item.timeProcessed,
    ...(item.status === "FAILED"
      ? {
          errors: {
            name: "RECEIVER_ACCOUNT_LOCKED",
            message: "Receiver's account is locked",
            debug_id: "0",
          },
        }
      : {}),
    links: [
      { href: `${apiHost}/v1/payments/payouts-item/${item.id}`, rel: "item", method: "GET" },
      batchLink(batch.id),
    ],
  };
}

/** Payouts batch v1 in memory: items to `failingReceivers` fail, the others succeed. */
export function createFakePayouts(emit: EmitEvent, failingReceivers: readonly string[]) {
  const batches = new Map<string, FakeBatch>();
  const bySenderBatchId = new Map<string, FakeBatch>();

  function create(body: PayoutRequest): FakeResponse {
    const senderBatchId = body.sender_batch_header.sender_batch_id;
    const existing = senderBatchId ? bySenderBatchId.get(senderBatchId) : undefined;
    if (existing) {
      // PayPal's refusal of a reused sender_batch_id links the original batch.
      return paypalError(
        400,
        [
          {
            field: "SENDER_BATCH_ID",
            location: "body",
            issue: "Batch with given sender_batch_id already exists",
            link: [batchLink(existing.id)],
          },
        ],
        "USER_BUSINESS_ERROR",
      );
    }
    const items: FakeItem[] = [];
    for (const [index, item] of body.items.entries()) {
      const type = item.recipient_type ?? body.sender_batch_header.recipient_type;
      if (type !== "EMAIL") {
        return unprocessable(
          "NOT_SUPPORTED_BY_FAKE",
          "The fake pays EMAIL receivers",
          `/items/${index}`,
        );
      }
      const amount = readAmount(item.amount.currency, item.amount.value);
      if (typeof amount === "string")
        return unprocessable(amount, "Invalid amount", `/items/${index}/amount`);
      items.push({
        id: paypalId(13),
        transactionId: paypalId(17),
        status: failingReceivers.includes(item.receiver) ? "FAILED" : "SUCCESS",
        amount,
        request: item,
        timeProcessed: now(),
      });
    }
    const batch: FakeBatch = {
      id: paypalId(13),
      header: body.sender_batch_header,
      status: "SUCCESS",
      timeCreated: now(),
      items,
    };
    batches.set(batch.id, batch);
    if (senderBatchId) bySenderBatchId.set(senderBatchId, batch);
    // PayPal answers PENDING at once and processes the items afterwards.
    for (const item of items) {
      const type = item.status === "SUCCESS" ? "SUCCEEDED" : "FAILED";
      emit(`PAYMENT.PAYOUTS-ITEM.${type}`, "payouts_item", itemJson(item, batch));
    }
    return {
      status: 201,
      body: {
        batch_header: {
          payout_batch_id: batch.id,
          batch_status: "PENDING",
          sender_batch_header: batch.header,
        },
        links: [batchLink(batch.id)],
      },
    };
  }

  function get(id: string): FakeResponse {
    const batch = batches.get(id);
    if (!batch) return notFound(id);
    const first = batch.items[0];
    const total = batch.items.reduce((sum, i) => sum + i.amount.minor, 0);
    return {
      status: 200,
      body: {
        batch_header: {
          payout_batch_id: batch.id,
          batch_status: batch.status,
          time_created: batch.timeCreated,
          time_completed: batch.timeCreated,
          sender_batch_header: batch.header,
          ...(first ? { amount: payoutsMoney({ ...first.amount, minor: total }) } : {}),
        },
        items: batch.items.map((item) => itemJson(item, batch)),
        links: [batchLink(batch.id)],
      },
    };
  }

  return { create, get };
}

import {
  asMetadata,
  asString,
  beforeExecution,
  type FakeHandler,
  type FakeResponse,
  invalidParam,
  limitOf,
  missingParam,
  noSuch,
  ok,
  stripeError,
  unsupportedCurrency,
} from "./fake-api.ts";
import type { Params } from "./spec-validator.ts";

/** Parameter rules Stripe applies that the spec cannot express (it lists amount as optional). */
function refusedTransfer(body: Params): FakeResponse | null {
  if (typeof body.amount !== "number") return missingParam("amount");
  if (body.amount <= 0) return invalidParam("amount", "Invalid positive integer");
  return unsupportedCurrency(asString(body.currency) ?? "", "currency");
}

/** Connect transfers from the platform balance to a connected account. */
export const createTransfer: FakeHandler = ({ body }, { state, objects, emit }) => {
  const refused = beforeExecution(refusedTransfer(body));
  if (refused) return refused;
  const amount = body.amount as number;
  const currency = body.currency as string;
  const destination = asString(body.destination) ?? "";
  if (!destination.startsWith("acct_")) return noSuch("destination", destination, "destination");
  if (state.failingAccounts.has(destination)) {
    return stripeError(400, {
      type: "invalid_request_error",
      code: "insufficient_capabilities_for_transfer",
      param: "destination",
      message:
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
    });
  }
  const transfer = objects.transfer({
    amount,
    currency,
    destination,
    transferGroup: asString(body.transfer_group) ?? null,
    description: asString(body.description) ?? null,
    metadata: asMetadata(body.metadata),
  });
  state.transfers.set(transfer.id, transfer);
  emit("transfer.created", transfer);
  return ok(transfer);
};

export const listTransfers: FakeHandler = ({ query }, { state, objects }) => {
  const matching = [...state.transfers.values()]
    .filter(
      (t) =>
        (query.transfer_group === undefined || t.transfer_group === query.transfer_group) &&
        (query.destination === undefined || t.destination === query.destination),
    )
    .reverse();
  const limit = limitOf(query);
  return ok(objects.list(matching.slice(0, limit), "/v1/transfers", matching.length > limit));
};

export const retrieveTransfer: FakeHandler = ({ pathParams }, { state }) => {
  const id = pathParams.transfer ?? "";
  const transfer = state.transfers.get(id);
  return transfer ? ok(transfer) : noSuch("transfer", id, "transfer");
};

import type { FakeHandler } from "./fake-api.ts";
import { createAccount, createAccountLink, retrieveAccount } from "./fake-api-accounts.ts";
import {
  createCheckoutSession,
  expireCheckoutSession,
  listCheckoutSessions,
  retrieveCheckoutSession,
} from "./fake-api-checkout.ts";
import {
  createRefund,
  retrieveCharge,
  retrievePaymentIntent,
  retrieveRefund,
} from "./fake-api-payments.ts";
import { createTransfer, listTransfers, retrieveTransfer } from "./fake-api-transfers.ts";

/** The spec operations the fake implements, by operationId (anything else answers 501). */
export const fakeHandlers: Readonly<Record<string, FakeHandler>> = {
  PostCheckoutSessions: createCheckoutSession,
  GetCheckoutSessions: listCheckoutSessions,
  GetCheckoutSessionsSession: retrieveCheckoutSession,
  PostCheckoutSessionsSessionExpire: expireCheckoutSession,
  GetPaymentIntentsIntent: retrievePaymentIntent,
  GetChargesCharge: retrieveCharge,
  PostRefunds: createRefund,
  GetRefundsRefund: retrieveRefund,
  PostTransfers: createTransfer,
  GetTransfers: listTransfers,
  GetTransfersTransfer: retrieveTransfer,
  PostAccounts: createAccount,
  GetAccountsAccount: retrieveAccount,
  PostAccountLinks: createAccountLink,
};

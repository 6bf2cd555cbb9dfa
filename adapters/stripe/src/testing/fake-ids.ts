import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomChars(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** Ids shaped like Stripe's: a type prefix and random base62 (checkout ids stay ≤ 66 chars). */
export const fakeId = {
  checkoutSession: () => `cs_test_a1${randomChars(54)}`,
  paymentIntent: () => `pi_3${randomChars(23)}`,
  charge: () => `ch_3${randomChars(23)}`,
  dispute: () => `dp_1${randomChars(23)}`,
  paymentMethod: () => `pm_1${randomChars(23)}`,
  refund: () => `re_3${randomChars(23)}`,
  transfer: () => `tr_1${randomChars(23)}`,
  destinationPayment: () => `py_1${randomChars(23)}`,
  balanceTransaction: () => `txn_3${randomChars(23)}`,
  account: () => `acct_1${randomChars(15)}`,
  event: () => `evt_1${randomChars(23)}`,
  request: () => `req_${randomChars(14)}`,
};

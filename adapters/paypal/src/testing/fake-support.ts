import { randomBytes, randomInt } from "node:crypto";
import type { SpecIssue } from "./spec-validator.ts";

/** PayPal's public hosts: the fake writes its links as PayPal would. */
export const apiHost = "https://api-m.sandbox.paypal.com";
export const webHost = "https://www.sandbox.paypal.com";

const idAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/** An upper-case alphanumeric id like PayPal's ("5O190127TN364715T"). */
export function paypalId(length = 17): string {
  return Array.from({ length }, () => idAlphabet[randomInt(idAlphabet.length)]).join("");
}

export function debugId(): string {
  return randomBytes(7).toString("hex");
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

/** Currencies PayPal takes, and the ones without decimals. */
const paypalCurrencies = new Set(
  "AUD BRL CAD CNY CZK DKK EUR HKD HUF ILS JPY MYR MXN TWD NZD NOK PHP PLN GBP SGD SEK CHF THB USD".split(
    " ",
  ),
);
const zeroDecimalCurrencies = new Set(["HUF", "JPY", "TWD"]);

export interface FakeMoney {
  currency: string;
  minor: number;
}

export type AmountProblem =
  | "CURRENCY_NOT_SUPPORTED"
  | "DECIMALS_NOT_SUPPORTED"
  | "DECIMAL_PRECISION"
  | "CANNOT_BE_ZERO_OR_NEGATIVE";

/** PayPal's business checks of an amount, past the schema: the answer is an issue or money. */
export function readAmount(currency: string, value: string): AmountProblem | FakeMoney {
  if (!paypalCurrencies.has(currency)) return "CURRENCY_NOT_SUPPORTED";
  const exponent = zeroDecimalCurrencies.has(currency) ? 0 : 2;
  const [whole = "", fraction = ""] = value.replace(/^-/, "").split(".");
  if (fraction.length > 0 && exponent === 0) return "DECIMALS_NOT_SUPPORTED";
  if (fraction.length > exponent) return "DECIMAL_PRECISION";
  const minor = Number(`${whole || "0"}${fraction.padEnd(exponent, "0")}`);
  if (value.startsWith("-") || minor <= 0) return "CANNOT_BE_ZERO_OR_NEGATIVE";
  return { currency, minor };
}

export function decimal({ currency, minor }: FakeMoney): string {
  const exponent = zeroDecimalCurrencies.has(currency) ? 0 : 2;
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, "0");
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Orders and payments spell it currency_code; payouts spell it currency. */
export const ordersMoney = (m: FakeMoney) => ({ currency_code: m.currency, value: decimal(m) });
export const payoutsMoney = (m: FakeMoney) => ({ currency: m.currency, value: decimal(m) });

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const messages: Record<number, [string, string]> = {
  400: [
    "INVALID_REQUEST",
    "Request is not well-formed, syntactically incorrect, or violates schema.",
  ],
  404: ["RESOURCE_NOT_FOUND", "The specified resource does not exist."],
  422: [
    "UNPROCESSABLE_ENTITY",
    "The requested action could not be performed, semantically incorrect, or failed business validation.",
  ],
  500: ["INTERNAL_SERVER_ERROR", "An internal server error occurred."],
  503: ["SERVICE_UNAVAILABLE", "Service Unavailable."],
};

/** PayPal's error body: `{ name, message, debug_id, details, links }`. */
export type ErrorDetail = Partial<SpecIssue> & { link?: object[] };

export function paypalError(
  status: number,
  details: ErrorDetail[] = [],
  name?: string,
): FakeResponse {
  const [defaultName, message] = messages[status] ?? ["ERROR", "An error occurred."];
  const issue = details[0]?.issue;
  return {
    status,
    body: {
      name: name ?? defaultName,
      message,
      debug_id: debugId(),
      details,
      links: issue
        ? [
            {
              href: `https://developer.paypal.com/api/rest/reference/orders/v2/errors/#${issue}`,
              rel: "information_link",
              method: "GET",
            },
          ]
        : [],
    },
  };
}

export function unprocessable(issue: string, description: string, field?: string): FakeResponse {
  return paypalError(422, [{ issue, description, ...(field ? { field, location: "body" } : {}) }]);
}

export function notFound(id: string): FakeResponse {
  return paypalError(404, [
    { issue: "INVALID_RESOURCE_ID", description: `Specified resource ID ${id} does not exist.` },
  ]);
}

import { randomBytes } from "node:crypto";
import {
  asMetadata,
  asString,
  beforeExecution,
  type FakeContext,
  type FakeHandler,
  invalidParam,
  missingParam,
  noSuch,
  ok,
} from "./fake-api.ts";
import type { FakeAccount } from "./fake-state.ts";
import { nowSeconds } from "./fake-state.ts";
import type { Params } from "./spec-validator.ts";

/** What Stripe asks of a new Express individual before it may receive payouts. */
const ONBOARDING_REQUIREMENTS = [
  "business_type",
  "external_account",
  "individual.dob.day",
  "individual.first_name",
  "individual.last_name",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

/**
 * Where Stripe hosts Express onboarding. The fake's links keep Stripe's origin (the app's CSP
 * form-action must allow it); the fake serves the same paths itself: see FakeStripe.hostedUrl.
 */
export const STRIPE_CONNECT_ORIGIN = "https://connect.stripe.com";

/** Account Links live 5 minutes at Stripe, and each may be visited once. */
const LINK_LIFETIME_S = 300;

/** Rules of Stripe's server the 2023 spec does not express (it marks no parameter required). */
function refusedAccount(body: Params) {
  if (body.type === undefined) return missingParam("type");
  if (body.type !== "express") {
    return invalidParam("type", "The fake only implements Express connected accounts.");
  }
  const country = asString(body.country);
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    return invalidParam("country", `Country '${country}' is unknown.`);
  }
  return null;
}

export const createAccount: FakeHandler = ({ body }, { state, objects }) => {
  const refused = beforeExecution(refusedAccount(body));
  if (refused) return refused;
  const capabilities = (body.capabilities ?? {}) as Record<string, { requested?: boolean }>;
  const account = objects.account({
    email: asString(body.email) ?? null,
    country: asString(body.country) ?? "FR",
    metadata: asMetadata(body.metadata),
    capabilities: Object.fromEntries(
      Object.entries(capabilities)
        .filter(([, value]) => value?.requested === true)
        .map(([name]) => [name, "inactive"]),
    ),
    currentlyDue: ONBOARDING_REQUIREMENTS,
  });
  state.accounts.set(account.id, account);
  return ok(account);
};

export const retrieveAccount: FakeHandler = ({ pathParams }, { state }) => {
  const id = pathParams.account ?? "";
  const account = state.accounts.get(id);
  return account ? ok(account) : noSuch("account", id, "account");
};

function refusedLink(body: Params) {
  if (!asString(body.account)) return missingParam("account");
  if (body.type === "account_update") {
    return invalidParam(
      "type",
      "You cannot create `account_update` type Account Links for Express accounts.",
    );
  }
  for (const param of ["refresh_url", "return_url"] as const) {
    if (asString(body[param]) === undefined) return missingParam(param);
  }
  return null;
}

export const createAccountLink: FakeHandler = ({ body }, { state, objects }) => {
  const refused = beforeExecution(refusedLink(body));
  if (refused) return refused;
  const accountId = asString(body.account) ?? "";
  const account = state.accounts.get(accountId);
  if (!account) return noSuch("account", accountId, "account");
  const token = randomBytes(12).toString("hex");
  const expiresAt = nowSeconds() + LINK_LIFETIME_S;
  state.accountLinks.set(token, {
    accountId,
    refreshUrl: asString(body.refresh_url) ?? "",
    returnUrl: asString(body.return_url) ?? "",
    expiresAt,
    used: false,
  });
  return ok(
    objects.accountLink({
      url: `${STRIPE_CONNECT_ORIGIN}/setup/e/${accountId}/${token}`,
      expiresAt,
    }),
  );
};

/**
 * The payee submits Stripe's hosted form with everything asked: the account's details are in,
 * its transfers capability turns active and payouts are enabled; Stripe sends account.updated.
 */
export function completeOnboarding(accountId: string, { state, emit }: FakeContext): FakeAccount {
  const account = state.accounts.get(accountId);
  if (!account) throw new Error(`Fake Stripe: no account ${accountId}`);
  const previous = {
    details_submitted: account.details_submitted,
    payouts_enabled: account.payouts_enabled,
    requirements: structuredClone(account.requirements),
  };
  const capabilities = account.capabilities as Record<string, string>;
  for (const name of Object.keys(capabilities)) capabilities[name] = "active";
  Object.assign(account, {
    details_submitted: true,
    payouts_enabled: true,
    charges_enabled: false,
    tos_acceptance: { date: nowSeconds(), ip: "127.0.0.1", user_agent: "fake" },
    requirements: {
      ...account.requirements,
      currently_due: [],
      eventually_due: [],
      disabled_reason: null,
    },
  });
  emit("account.updated", account, previous);
  return account;
}

/** Stripe needs more (e.g. a document after a check): payouts stop until it is given. */
export function requireMore(accountId: string, fields: string[], { state, emit }: FakeContext) {
  const account = state.accounts.get(accountId);
  if (!account) throw new Error(`Fake Stripe: no account ${accountId}`);
  const previous = { payouts_enabled: account.payouts_enabled };
  Object.assign(account, {
    payouts_enabled: false,
    requirements: {
      ...account.requirements,
      currently_due: fields,
      disabled_reason: "requirements.past_due",
    },
  });
  emit("account.updated", account, previous);
}

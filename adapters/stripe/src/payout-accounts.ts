import type { PayoutAccountOnboarding, ProviderPayoutAccount } from "@mentora/payment-gateway";
import type Stripe from "stripe";
import type { StripeOperation } from "./stripe-errors.ts";

type Call = <T>(operation: StripeOperation, run: () => Promise<T>) => Promise<T>;

/** Our view of a connected account: only what decides whether it can be paid. */
export function payoutAccountOf(account: Stripe.Account): ProviderPayoutAccount {
  return {
    providerAccountId: account.id,
    detailsSubmitted: account.details_submitted === true,
    payoutsEnabled: account.payouts_enabled === true,
    currentlyDue: account.requirements?.currently_due ?? [],
  };
}

/**
 * Connect Express: Stripe hosts the payee's form (identity, bank account, terms) and the
 * Express dashboard; we create the account, hand out Account Links, and read its status.
 */
export function stripePayoutAccounts(stripe: Stripe, call: Call): PayoutAccountOnboarding {
  return {
    async createAccount(input) {
      const account = await call("createAccount", () =>
        stripe.accounts.create(
          {
            type: "express",
            email: input.email,
            ...(input.country ? { country: input.country } : {}),
            // Transfers only: the platform charges the mentee, then sends the mentor's share.
            capabilities: { transfers: { requested: true } },
            metadata: { mentorId: input.payeeId },
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return payoutAccountOf(account);
    },

    async getAccount(providerAccountId) {
      const account = await call("getAccount", () => stripe.accounts.retrieve(providerAccountId));
      return payoutAccountOf(account);
    },

    async createOnboardingLink(input) {
      const link = await call("createOnboardingLink", () =>
        stripe.accountLinks.create({
          account: input.providerAccountId,
          type: "account_onboarding",
          refresh_url: input.refreshUrl,
          return_url: input.returnUrl,
        }),
      );
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    },
  };
}

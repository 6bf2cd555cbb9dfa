import type {
  PaymentGateway,
  PayoutAccountOnboarding,
  ProviderPayoutAccount,
} from "@mentora/payment-gateway";
import type { AppServices } from "../app/types.ts";
import type { AuditActor } from "../audit/index.ts";
import { AppError } from "../errors/index.ts";
import { callGateway } from "../payments/index.ts";
import { changePayoutMethod } from "./change-method.ts";
import { methodFromRow } from "./method.ts";

/** The gateway whose payees onboard on its hosted form (Connect Express). */
export const ONBOARDING_PROVIDER = "stripe";

export type PayoutAccountRow = NonNullable<
  Awaited<ReturnType<AppServices["prisma"]["payoutAccount"]["findUnique"]>>
>;

/** Where the provider sends the mentor back: a finished (or left) form, or a spent link. */
export const onboardingPaths = {
  refresh: "/mentor/payouts/stripe/refresh",
  return: "/mentor/payouts/stripe/return",
};

function onboardingGateway(
  services: Pick<AppServices, "gateways">,
): PaymentGateway & { payoutAccounts: PayoutAccountOnboarding } {
  const { gateways } = services;
  const gateway = gateways.ids.includes(ONBOARDING_PROVIDER)
    ? gateways.get(ONBOARDING_PROVIDER)
    : null;
  if (!gateway?.capabilities.payoutAccountOnboarding || !gateway.payoutAccounts) {
    throw new AppError("PAYOUT_METHOD_UNAVAILABLE", { method: "STRIPE_CONNECT" });
  }
  return gateway as PaymentGateway & { payoutAccounts: PayoutAccountOnboarding };
}

export const payoutAccountKey = (mentorId: string) => `payout-account:${mentorId}`;

/**
 * The mentor's connected account, created at the provider the first time. The creation's
 * idempotency key is the mentor's: two clicks at once (or a retry after a lost answer) make one
 * account, and both rows converge on it. A method pasted by hand before onboarding existed
 * (STRIPE_CONNECT without an account row) is adopted after the provider confirms it knows it.
 */
async function accountOf(
  services: AppServices,
  gateway: PaymentGateway & { payoutAccounts: PayoutAccountOnboarding },
  mentorId: string,
): Promise<PayoutAccountRow> {
  const { prisma } = services;
  const where = { mentorId_provider: { mentorId, provider: gateway.id } };
  const existing = await prisma.payoutAccount.findUnique({ where });
  if (existing) return existing;
  const method = await prisma.payoutMethod.findUnique({ where: { mentorId } });
  const legacy = method && methodFromRow(method);
  let account: ProviderPayoutAccount;
  if (legacy?.kind === "STRIPE_CONNECT") {
    account = await callGateway(services, gateway, "getPayoutAccount", () =>
      gateway.payoutAccounts.getAccount(legacy.accountId),
    );
  } else {
    const mentor = await prisma.user.findUniqueOrThrow({
      where: { id: mentorId },
      select: { email: true, billingDetails: { select: { country: true } } },
    });
    const country = mentor.billingDetails?.country ?? undefined;
    account = await callGateway(services, gateway, "createPayoutAccount", () =>
      gateway.payoutAccounts.createAccount({
        idempotencyKey: payoutAccountKey(mentorId),
        payeeId: mentorId,
        email: mentor.email,
        ...(country ? { country } : {}),
      }),
    );
  }
  // A concurrent click stored it first: same account (same key), keep that row.
  await prisma.payoutAccount.createMany({
    data: [{ mentorId, provider: gateway.id, ...statusData(account) }],
    skipDuplicates: true,
  });
  const row = await prisma.payoutAccount.findUniqueOrThrow({ where });
  if (row.providerAccountId !== account.providerAccountId) {
    // Another mentor already holds this account id (a pasted id): never shared.
    throw new AppError("PAYOUT_METHOD_UNAVAILABLE", { method: "STRIPE_CONNECT" });
  }
  return row;
}

const statusData = (account: ProviderPayoutAccount) => ({
  providerAccountId: account.providerAccountId,
  detailsSubmitted: account.detailsSubmitted,
  payoutsEnabled: account.payoutsEnabled,
  currentlyDue: [...account.currentlyDue],
  statusAt: new Date(),
});

/**
 * "Set up payouts with Stripe", "Continue setup", "Update details" and the provider's
 * refresh_url: the mentor's account (created once), made their payout method (a change like
 * any other: open requests cancelled, cooldown, e-mail), and a fresh single-use link to the
 * provider's hosted form.
 */
export async function startPayoutOnboarding(
  services: AppServices,
  input: { mentorId: string; actor: AuditActor; resume?: boolean },
): Promise<{ url: string }> {
  const gateway = onboardingGateway(services);
  let account: PayoutAccountRow;
  if (input.resume) {
    // The refresh_url is a GET any site can make a signed-in browser open: it only makes a new
    // link for the account already in use, never changes the method.
    const [row, method] = await Promise.all([
      services.prisma.payoutAccount.findUnique({
        where: { mentorId_provider: { mentorId: input.mentorId, provider: gateway.id } },
      }),
      services.prisma.payoutMethod.findUnique({ where: { mentorId: input.mentorId } }),
    ]);
    const current = method && methodFromRow(method);
    if (!row || current?.kind !== "STRIPE_CONNECT" || current.accountId !== row.providerAccountId) {
      throw new AppError("PAYOUT_ONBOARDING_REQUIRED");
    }
    account = row;
  } else {
    account = await accountOf(services, gateway, input.mentorId);
    await changePayoutMethod(services, {
      mentorId: input.mentorId,
      method: { kind: "STRIPE_CONNECT", accountId: account.providerAccountId },
      actor: input.actor,
    });
  }
  const base = services.config.app.publicUrl.replace(/\/+$/, "");
  const link = await callGateway(services, gateway, "createOnboardingLink", () =>
    gateway.payoutAccounts.createOnboardingLink({
      providerAccountId: account.providerAccountId,
      refreshUrl: `${base}${onboardingPaths.refresh}`,
      returnUrl: `${base}${onboardingPaths.return}`,
    }),
  );
  return { url: link.url };
}

/** Stores the provider's answer about an account we know; false for an account not ours. */
async function applyAccountStatus(
  services: AppServices,
  provider: string,
  account: ProviderPayoutAccount,
): Promise<PayoutAccountRow | null> {
  const { count } = await services.prisma.payoutAccount.updateMany({
    where: { provider, providerAccountId: account.providerAccountId },
    data: statusData(account),
  });
  if (count === 0) return null;
  return services.prisma.payoutAccount.findUnique({
    where: {
      provider_providerAccountId: { provider, providerAccountId: account.providerAccountId },
    },
  });
}

/** Back from the hosted form: the status, asked of the provider now (webhooks may lag). */
export async function refreshPayoutAccount(
  services: AppServices,
  mentorId: string,
): Promise<PayoutAccountRow | null> {
  const gateway = onboardingGateway(services);
  const row = await services.prisma.payoutAccount.findUnique({
    where: { mentorId_provider: { mentorId, provider: gateway.id } },
  });
  if (!row) return null;
  const account = await callGateway(services, gateway, "getPayoutAccount", () =>
    gateway.payoutAccounts.getAccount(row.providerAccountId),
  );
  return applyAccountStatus(services, gateway.id, account);
}

/**
 * payout_account.updated (wired in app/job-handlers.ts). The event names an account; only an
 * account already ours is read from the provider and updated, so a verified event about any
 * other account (another platform's, or an id nobody here onboarded) changes nothing.
 */
export async function handlePayoutAccountEvent(
  services: AppServices,
  provider: string,
  event: { type: string; providerAccountId?: string },
): Promise<void> {
  if (event.type !== "payout_account.updated" || !event.providerAccountId) return;
  const providerAccountId = event.providerAccountId;
  const known = await services.prisma.payoutAccount.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { id: true },
  });
  if (!known) {
    services.logger.info({ provider, providerAccountId }, "account event for an account not ours");
    return;
  }
  const gateway = services.gateways.get(provider);
  if (!gateway.payoutAccounts) return;
  const payoutAccounts = gateway.payoutAccounts;
  const account = await callGateway(services, gateway, "getPayoutAccount", () =>
    payoutAccounts.getAccount(providerAccountId),
  );
  await applyAccountStatus(services, provider, account);
}

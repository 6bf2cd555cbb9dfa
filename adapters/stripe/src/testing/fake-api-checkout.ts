import {
  asMetadata,
  asString,
  beforeExecution,
  type FakeHandler,
  invalidParam,
  limitOf,
  missingParam,
  noSuch,
  ok,
  unsupportedCurrency,
} from "./fake-api.ts";
import { nowSeconds } from "./fake-state.ts";
import type { Params } from "./spec-validator.ts";

const MIN_LIFETIME_S = 30 * 60;
const MAX_LIFETIME_S = 24 * 60 * 60;

interface PricedLine {
  quantity?: number;
  price_data?: { currency?: string; unit_amount?: number; product_data?: { name?: string } };
  price?: string;
}

/**
 * Rules Stripe's server applies that the 2023 spec cannot express (it marks only success_url
 * required): a mode, payment lines with an amount and a quantity, a supported currency, and a
 * lifetime between 30 minutes and 24 hours.
 */
function refusedSession(body: Params): ReturnType<FakeHandler> | null {
  if (body.mode === undefined) return missingParam("mode");
  if (body.mode !== "payment") {
    return invalidParam("mode", "The fake only implements mode=payment Checkout Sessions.");
  }
  const lines = body.line_items as PricedLine[] | undefined;
  if (!lines?.length) return missingParam("line_items");
  for (const [index, line] of lines.entries()) {
    const at = `line_items[${index}]`;
    if (line.price !== undefined)
      return invalidParam(`${at}[price]`, "The fake has no Prices: use price_data.");
    if (!line.price_data) return missingParam(`${at}[price_data]`);
    if (line.quantity === undefined) return missingParam(`${at}[quantity]`);
    if (line.price_data.unit_amount === undefined)
      return missingParam(`${at}[price_data][unit_amount]`);
    if (!line.price_data.product_data) return missingParam(`${at}[price_data][product_data]`);
    const currency = line.price_data.currency ?? "";
    const refused = unsupportedCurrency(currency, `${at}[price_data][currency]`);
    if (refused) return refused;
    if (currency !== lines[0]?.price_data?.currency) {
      return invalidParam(
        `${at}[price_data][currency]`,
        "All line items must use the same currency.",
      );
    }
  }
  const expiresAt = body.expires_at;
  if (typeof expiresAt === "number") {
    const lifetime = expiresAt - nowSeconds();
    if (lifetime < MIN_LIFETIME_S || lifetime > MAX_LIFETIME_S) {
      return invalidParam(
        "expires_at",
        "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
      );
    }
  }
  return null;
}

export const createCheckoutSession: FakeHandler = ({ body }, { state, objects }) => {
  const refused = beforeExecution(refusedSession(body));
  if (refused) return refused;
  const lines = body.line_items as Required<PricedLine>[];
  const amount = lines.reduce(
    (sum, line) => sum + (line.price_data.unit_amount ?? 0) * line.quantity,
    0,
  );
  const session = objects.session({
    amount,
    currency: lines[0]?.price_data.currency ?? "",
    successUrl: asString(body.success_url) ?? null,
    cancelUrl: asString(body.cancel_url) ?? null,
    clientReferenceId: asString(body.client_reference_id) ?? null,
    customerEmail: asString(body.customer_email) ?? null,
    expiresAt:
      typeof body.expires_at === "number" ? body.expires_at : nowSeconds() + MAX_LIFETIME_S,
    metadata: asMetadata(body.metadata),
  });
  state.sessions.set(session.id, session);
  const intentData = (body.payment_intent_data ?? {}) as Params;
  state.intentDataBySession.set(session.id, {
    metadata: asMetadata(intentData.metadata),
    ...(typeof intentData.description === "string" ? { description: intentData.description } : {}),
  });
  return ok(session);
};

export const retrieveCheckoutSession: FakeHandler = ({ pathParams }, { state }) => {
  const id = pathParams.session ?? "";
  const session = state.sessions.get(id);
  return session ? ok(session) : noSuch("checkout.session", id, "session");
};

export const listCheckoutSessions: FakeHandler = ({ query }, { state, objects }) => {
  const matching = [...state.sessions.values()]
    .filter((s) => query.payment_intent === undefined || s.payment_intent === query.payment_intent)
    .reverse();
  const limit = limitOf(query);
  return ok(
    objects.list(matching.slice(0, limit), "/v1/checkout/sessions", matching.length > limit),
  );
};

export const expireCheckoutSession: FakeHandler = ({ pathParams }, context) => {
  const id = pathParams.session ?? "";
  const session = context.state.sessions.get(id);
  if (!session) return noSuch("checkout.session", id, "session");
  if (session.status !== "open") {
    return invalidParam(
      "session",
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
    );
  }
  expireSession(id, context);
  return ok(session);
};

/** The session's lifetime ran out (or it was expired through the API). */
export function expireSession(id: string, { state, emit }: Parameters<FakeHandler>[1]): void {
  const session = state.sessions.get(id);
  if (session?.status !== "open") return;
  session.status = "expired";
  const intent = session.payment_intent ? state.paymentIntents.get(session.payment_intent) : null;
  if (intent && intent.status !== "succeeded") {
    intent.status = "canceled";
    intent.canceled_at = nowSeconds();
    intent.cancellation_reason = "abandoned";
    emit("payment_intent.canceled", intent);
  }
  emit("checkout.session.expired", session);
}

import { z } from "zod";
import {
  commaList,
  configProblem,
  defineConfigSlice,
  optionalString,
  positiveInt,
} from "../config/slice.ts";

/** One PAYMENT_ROUTING rule: payments in `currency` (or any other, for "*") go to `gatewayId`. */
export interface PaymentRoute {
  currency: string;
  gatewayId: string;
}

const routingRule = /^(\*|[A-Z]{3}):([a-z0-9][a-z0-9_-]*)$/;

/** PAYMENT_ROUTING: `CURRENCY:gatewayId` rules, `*` as the fallback; one rule per currency. */
const paymentRouting = z
  .string()
  .default("*:sandbox")
  .transform((text, ctx): PaymentRoute[] => {
    const routes: PaymentRoute[] = [];
    const rules = commaList(text);
    for (const rule of rules) {
      const match = routingRule.exec(rule);
      if (!match) {
        ctx.addIssue({
          code: "custom",
          message: `rule "${rule}" is not CURRENCY:gatewayId (e.g. TND:konnect,*:stripe; * is the fallback)`,
        });
        continue;
      }
      const [, currency = "", gatewayId = ""] = match;
      if (routes.some((route) => route.currency === currency)) {
        ctx.addIssue({ code: "custom", message: `routes ${currency} twice` });
        continue;
      }
      routes.push({ currency, gatewayId });
    }
    if (rules.length === 0) {
      ctx.addIssue({ code: "custom", message: "needs at least one rule, e.g. *:sandbox" });
    }
    return routes;
  });

export const paymentsConfig = defineConfigSlice({
  env: {
    // Development defaults to the sandbox; production must name its adapters (and the registry
    // refuses, at start, one whose capabilities say it moves no money).
    PAYMENT_GATEWAYS: optionalString.pipe(
      z
        .string()
        .transform(commaList)
        .pipe(z.array(z.string()).min(1, "needs at least one adapter package name"))
        .optional(),
    ),
    PAYMENT_ROUTING: paymentRouting,
    GATEWAY_TIMEOUT_MS: positiveInt(10_000),
    PAYMENT_LIFESPAN_MINUTES: positiveInt(30),
    PLATFORM_FEE_BASIS_POINTS: z.coerce.number().int().min(0).max(10_000).default(1500),
    REFUND_DESTINATION: z.enum(["original", "wallet"]).default("original"),
    WALLET_TOP_UP_MAX_MINOR: positiveInt(1_000_000),
  },
  check(env, ctx, { production }) {
    if (production && !env.PAYMENT_GATEWAYS) {
      configProblem(
        ctx,
        "PAYMENT_GATEWAYS",
        "is required in production: name the adapter packages that move money, e.g. @mentora/gateway-stripe",
      );
    }
  },
  section: (env) => ({
    gatewayPackages: env.PAYMENT_GATEWAYS ?? ["@mentora/gateway-sandbox"],
    routing: env.PAYMENT_ROUTING,
    timeoutMs: env.GATEWAY_TIMEOUT_MS,
    lifespanMinutes: env.PAYMENT_LIFESPAN_MINUTES,
    feeBasisPoints: env.PLATFORM_FEE_BASIS_POINTS,
    refundDestination: env.REFUND_DESTINATION,
    topUpMaxMinor: env.WALLET_TOP_UP_MAX_MINOR,
  }),
});

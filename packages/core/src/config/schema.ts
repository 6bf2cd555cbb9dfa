import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { twilioVideoEnv } from "@mentora/video";
import { z } from "zod";
import { parseTrustedProxies } from "../client-ip/index.ts";
import type { FileStorageOptions } from "../files/index.ts";
import { parseRateLimitOverrides, resolvePolicies } from "../rate-limits/index.ts";

/** Signs development sessions when AUTH_SECRET is unset; refused in production (it is public). */
export const DEV_AUTH_SECRET = "mentora-dev-secret-not-for-production-use-0000";

/**
 * The monorepo root (the folder with pnpm-workspace.yaml) above this module, whether it runs from
 * source (worker, scripts) or bundled into the web build; else the working directory. Relative
 * paths resolve from it, so every process finds the same `.data/files`.
 */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The built-in gateway: moves no money, so never allowed in production (anyone can press Pay). */
export const SANDBOX_GATEWAY_PACKAGE = "@mentora/gateway-sandbox";

/** One PAYMENT_ROUTING rule: payments in `currency` (or any other, for "*") go to `gatewayId`. */
export interface PaymentRoute {
  currency: string;
  gatewayId: string;
}

/** A comma-separated list, blanks dropped. */
const commaList = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

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

const minimumRule = /^(\*|[A-Z]{3}):(\d{1,12})$/;

/**
 * PAYOUT_MINIMUM_MINOR: `CURRENCY:amountMinor` rules, `*` for every other currency, e.g.
 * `EUR:2000,TND:20000,*:1000` (20.00 EUR, 20.000 TND, 10.00 of anything else).
 */
const payoutMinimums = z
  .string()
  .default("*:1000")
  .transform((text, ctx): Record<string, number> => {
    const minimums: Record<string, number> = {};
    for (const rule of commaList(text)) {
      const match = minimumRule.exec(rule);
      const [, currency = "", amount = ""] = match ?? [];
      if (!match || currency in minimums) {
        ctx.addIssue({
          code: "custom",
          message: `rule "${rule}" is not CURRENCY:amountMinor once per currency (e.g. EUR:2000,*:1000)`,
        });
        continue;
      }
      minimums[currency] = Number(amount);
    }
    return minimums;
  });

/**
 * Every environment variable Mentora reads, with its default. `.env.example` lists the same
 * names; a test keeps the two in step.
 */
const environmentShape = {
  // Production unless said otherwise: a built entry point started bare must not run with dev
  // features (outbox, dev secret, sandbox). `pnpm dev` and the tests set it explicitly.
  NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: positiveInt(3000),
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: optionalString.pipe(z.url().optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32).optional()),
  SESSION_EXPIRES_IN_DAYS: positiveInt(30),
  SESSION_UPDATE_AGE_HOURS: positiveInt(24),
  TRUSTED_ORIGINS: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  SMTP_URL: optionalString.pipe(z.url().optional()),
  EMAIL_FROM: z.string().default("Mentora <no-reply@mentora.localhost>"),
  EMAIL_TIMEOUT_MS: positiveInt(10_000),
  WORKER_DRAIN_MS: positiveInt(30_000),
  /** Unset: `admin` in production (a person reviews every new mentor), `auto` elsewhere. */
  MENTOR_APPROVAL: optionalString.pipe(z.enum(["auto", "admin"]).optional()),
  BOOKING_HOLD_MINUTES: positiveInt(15),
  MENTEE_FREE_CANCELLATION_HOURS: z.coerce.number().int().min(0).default(24),
  FILES_DIR: optionalString,
  S3_BUCKET: optionalString,
  S3_REGION: z.string().trim().min(1).default("us-east-1"),
  S3_ENDPOINT: optionalString.pipe(z.url().optional()),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
  PAYMENT_GATEWAYS: z
    .string()
    .default(SANDBOX_GATEWAY_PACKAGE)
    .transform(commaList)
    .pipe(z.array(z.string()).min(1, "needs at least one adapter package name")),
  PAYMENT_ROUTING: paymentRouting,
  GATEWAY_TIMEOUT_MS: positiveInt(10_000),
  PAYMENT_LIFESPAN_MINUTES: positiveInt(30),
  PLATFORM_FEE_BASIS_POINTS: z.coerce.number().int().min(0).max(10_000).default(1500),
  REFUND_DESTINATION: z.enum(["original", "wallet"]).default("original"),
  WALLET_TOP_UP_MAX_MINOR: positiveInt(1_000_000),
  EARNINGS_HOLD_HOURS: z.coerce.number().int().min(0).default(48),
  PAYOUT_MINIMUM_MINOR: payoutMinimums,
  PAYOUT_RECONCILE_AFTER_MINUTES: positiveInt(30),
  METRICS_TOKEN: optionalString,
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  ALERT_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  ALERT_FAILURE_THRESHOLD: positiveInt(5),
  ALERT_WINDOW_MINUTES: positiveInt(15),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_API_KEY_SID: optionalString,
  TWILIO_API_KEY_SECRET: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_VIDEO_BASE_URL: optionalString.pipe(z.url().optional()),
  VIDEO_JOIN_MINUTES_BEFORE: positiveInt(10),
  VIDEO_ROOM_GRACE_MINUTES: z.coerce.number().int().min(0).default(10),
  VIDEO_ONE_TO_ONE_ROOM_TYPE: z.enum(["go", "peer-to-peer"]).default("go"),
  VIDEO_MIN_ATTENDANCE_MINUTES: positiveInt(5),
  VIDEO_NOISE_CANCELLATION: z.stringbool().default(false),
  // Invoices (the seller printed on every invoice and credit note; required in production).
  INVOICE_SELLER_LEGAL_NAME: optionalString,
  INVOICE_SELLER_LEGAL_FORM: optionalString,
  INVOICE_SELLER_ADDRESS: optionalString,
  INVOICE_SELLER_SIREN: optionalString,
  INVOICE_SELLER_SIRET: optionalString,
  INVOICE_SELLER_RCS: optionalString,
  INVOICE_SELLER_SHARE_CAPITAL: optionalString,
  INVOICE_SELLER_VAT_NUMBER: optionalString,
  INVOICE_SELLER_EMAIL: optionalString,
  INVOICE_VAT_RATE_BASIS_POINTS: z.coerce.number().int().min(0).max(10_000).default(2000),
  INVOICE_VAT_EXEMPT: z.stringbool().default(false),
  INVOICE_LOCALE: z.enum(["en", "fr"]).default("fr"),
  INVOICE_TEMP_DIR: optionalString,
  // Accounts (admin two-factor, fresh sign-in for money actions, absolute session lifetime).
  /** Unset: required in production only. */
  ADMIN_REQUIRE_2FA: optionalString.pipe(z.stringbool().optional()),
  SESSION_ABSOLUTE_DAYS: positiveInt(30),
  FRESH_SESSION_MINUTES: positiveInt(15),
  // Money paths (issue #11): payout method cooldown, hold and free-booking caps.
  PAYOUT_METHOD_COOLDOWN_HOURS: z.coerce.number().int().min(0).default(48),
  MAX_OPEN_HOLDS: positiveInt(3),
  MAX_FREE_BOOKINGS_PER_WEEK: positiveInt(2),
  // Web edge: database timeouts (unset: 15 s for the web, 60 s for the worker).
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5000),
  // Rate limits and client IP (issue #11).
  TRUSTED_PROXIES: optionalString.superRefine((value, ctx) => {
    try {
      parseTrustedProxies(value);
    } catch {
      ctx.addIssue({
        code: "custom",
        message: "must be a hop count like 1, or a comma list of IP addresses or CIDR ranges",
      });
    }
  }),
  RATE_LIMITS: optionalString.superRefine((value, ctx) => {
    try {
      parseRateLimitOverrides(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  // Production (what a production start requires; see docs/deploy.md).
  FILES_DIR_SHARED: z.stringbool().default(false),
  DATABASE_POOL_MAX: positiveInt(10),
  // Retention (money paths, decision 015): ledger, payments and invoices are kept.
  RETENTION_WEBHOOK_DAYS: positiveInt(90),
  RETENTION_SESSION_DAYS: positiveInt(30),
  // Observability: OpenTelemetry traces. Read by telemetry/tracing-preload.ts (and the SDK) at
  // process start, before this schema; declared here so a malformed value stops the start.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url().optional()),
  OTEL_SERVICE_NAME: optionalString,
};

/** Only the Twilio variables, in the shape twilioVideoEnv reads. */
const twilioEnvOf = (env: Partial<Record<(typeof twilioNames)[number], string>>) =>
  Object.fromEntries(twilioNames.map((name) => [name, env[name]]));

const twilioNames = [
  "TWILIO_ACCOUNT_SID",
  "TWILIO_API_KEY_SID",
  "TWILIO_API_KEY_SECRET",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_VIDEO_BASE_URL",
] as const;

/** Development stand-ins for the seller: visibly fake, so no demo invoice passes for real. */
const demoSeller = {
  legalName: "DEMO Mentora Exemple SAS (not a real company)",
  legalForm: "SAS",
  addressLines: ["1 rue de la Démo", "75000 Paris", "France"],
  siren: "000 000 000",
  siret: "000 000 000 00000",
  rcs: "RCS Démo 000 000 000",
  shareCapital: "1 000 €",
  vatNumber: "FR00000000000",
  email: "billing@mentora.localhost",
};

/** The legal mention a VAT-exempt seller (franchise en base) prints instead of any VAT. */
export const VAT_EXEMPTION_MENTION = "TVA non applicable, art. 293 B du CGI";

export const configSchema = z
  .object(environmentShape)
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV === "production") productionRequirements(env, ctx);
      if (env.NODE_ENV === "production" && env.PAYMENT_GATEWAYS.includes(SANDBOX_GATEWAY_PACKAGE)) {
        ctx.addIssue({
          code: "custom",
          path: ["PAYMENT_GATEWAYS"],
          message: `must not include ${SANDBOX_GATEWAY_PACKAGE} in production: it moves no money and anyone can press Pay (name a real gateway, e.g. @mentora/gateway-stripe)`,
        });
      }
      if (env.NODE_ENV === "production") {
        // An invoice without these is not a legal invoice: refuse to start rather than issue one.
        const required: (keyof typeof env)[] = [
          "INVOICE_SELLER_LEGAL_NAME",
          "INVOICE_SELLER_LEGAL_FORM",
          "INVOICE_SELLER_ADDRESS",
          ...(env.INVOICE_VAT_EXEMPT ? [] : (["INVOICE_SELLER_VAT_NUMBER"] as const)),
        ];
        for (const name of required) {
          if (!env[name]) {
            ctx.addIssue({ code: "custom", path: [name], message: "is required in production" });
          }
        }
        if (!env.INVOICE_SELLER_SIREN && !env.INVOICE_SELLER_SIRET) {
          ctx.addIssue({
            code: "custom",
            path: ["INVOICE_SELLER_SIREN"],
            message: "is required in production (or INVOICE_SELLER_SIRET)",
          });
        }
      }
      if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
        ctx.addIssue({
          code: "custom",
          path: [env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"],
          message: "Google sign-in needs both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET",
        });
      }
      let twilio: ReturnType<typeof twilioVideoEnv> = null;
      try {
        twilio = twilioVideoEnv(twilioEnvOf(env));
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: [twilioNames.find((name) => !env[name]) ?? "TWILIO_ACCOUNT_SID"],
          message: (error as Error).message,
        });
      }
      if (env.NODE_ENV === "production" && !twilio) {
        ctx.addIssue({
          code: "custom",
          path: ["TWILIO_ACCOUNT_SID"],
          message:
            "Twilio Video is required in production: the local video provider is a development stand-in that relays no media",
        });
      }
      if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
        ctx.addIssue({
          code: "custom",
          path: [env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
          message: "S3 credentials need both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY",
        });
      }
    },
    // Also when some variable is malformed: the one start-up message must name every problem,
    // not only the shape errors (values may then be unparsed, so the checks only test presence).
    { when: () => true },
  )
  .transform((env) => ({
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    MENTOR_APPROVAL: env.MENTOR_APPROVAL ?? (env.NODE_ENV === "production" ? "admin" : "auto"),
    trustedOrigins: [
      new URL(env.PUBLIC_URL).origin,
      ...(env.TRUSTED_ORIGINS?.split(",").map((origin) => origin.trim()) ?? []),
    ],
    google:
      env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET
        ? { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }
        : undefined,
    payments: {
      gatewayPackages: env.PAYMENT_GATEWAYS,
      routing: env.PAYMENT_ROUTING,
      timeoutMs: env.GATEWAY_TIMEOUT_MS,
      lifespanMinutes: env.PAYMENT_LIFESPAN_MINUTES,
      feeBasisPoints: env.PLATFORM_FEE_BASIS_POINTS,
      refundDestination: env.REFUND_DESTINATION,
      topUpMaxMinor: env.WALLET_TOP_UP_MAX_MINOR,
    },
    video: {
      /** Null: the local stand-in (development and demos). */
      twilio: twilioVideoEnv(twilioEnvOf(env)),
      joinBeforeMs: env.VIDEO_JOIN_MINUTES_BEFORE * 60_000,
      graceMs: env.VIDEO_ROOM_GRACE_MINUTES * 60_000,
      oneToOneRoomType: env.VIDEO_ONE_TO_ONE_ROOM_TYPE,
      minAttendanceMs: env.VIDEO_MIN_ATTENDANCE_MINUTES * 60_000,
      noiseCancellation: env.VIDEO_NOISE_CANCELLATION,
    },
    payouts: {
      earningsHoldHours: env.EARNINGS_HOLD_HOURS,
      minimumMinor: env.PAYOUT_MINIMUM_MINOR,
      reconcileAfterMinutes: env.PAYOUT_RECONCILE_AFTER_MINUTES,
    },
    alerts: {
      webhookUrl: env.ALERT_WEBHOOK_URL,
      threshold: env.ALERT_FAILURE_THRESHOLD,
      windowMs: env.ALERT_WINDOW_MINUTES * 60_000,
    },
    invoices: invoiceSettings(env),
    accounts: {
      adminRequireTwoFactor: env.ADMIN_REQUIRE_2FA ?? env.NODE_ENV === "production",
      sessionAbsoluteMs: env.SESSION_ABSOLUTE_DAYS * 24 * 60 * 60_000,
      freshSessionMs: env.FRESH_SESSION_MINUTES * 60_000,
    },
    moneyPaths: {
      payoutMethodCooldownMs: env.PAYOUT_METHOD_COOLDOWN_HOURS * 3_600_000,
      maxOpenHolds: env.MAX_OPEN_HOLDS,
      maxFreeBookingsPerWeek: env.MAX_FREE_BOOKINGS_PER_WEEK,
    },
    network: { trustedProxies: parseTrustedProxies(env.TRUSTED_PROXIES) },
    rateLimits: resolvePolicies(parseRateLimitOverrides(env.RATE_LIMITS)),
    retention: {
      /** Processed payment webhooks and video callbacks older than this are deleted daily. */
      webhookMs: env.RETENTION_WEBHOOK_DAYS * 86_400_000,
      /** Sign-in sessions this long past their expiry are deleted daily. */
      expiredSessionMs: env.RETENTION_SESSION_DAYS * 86_400_000,
    },
    fileStorage: {
      rootDir: path.resolve(repoRoot(), env.FILES_DIR ?? ".data/files"),
      s3: env.S3_BUCKET
        ? {
            bucket: env.S3_BUCKET,
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            timeoutMs: 10_000,
          }
        : undefined,
    } satisfies FileStorageOptions,
    database: {
      /** Undefined: each process picks its own (web 15 s, worker 60 s). */
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    },
  }));

type Environment = z.output<z.ZodObject<typeof environmentShape>>;

/**
 * What a production start needs beyond the shape: no development stand-in may remain (dev
 * secret, dev outbox, local files on one replica's disk, open metrics, embedded database).
 */
function productionRequirements(env: Environment, ctx: z.RefinementCtx): void {
  const problem = (name: keyof Environment, message: string) =>
    ctx.addIssue({ code: "custom", path: [name], message });
  if (!env.AUTH_SECRET) problem("AUTH_SECRET", "is required in production (32+ random characters)");
  else if (env.AUTH_SECRET === DEV_AUTH_SECRET) {
    problem(
      "AUTH_SECRET",
      "is the public development secret: set 32+ random characters of your own",
    );
  }
  let publicProtocol: string | undefined;
  try {
    publicProtocol = new URL(env.PUBLIC_URL).protocol;
  } catch {
    // Malformed: the shape check already names PUBLIC_URL.
  }
  if (publicProtocol !== undefined && publicProtocol !== "https:") {
    problem("PUBLIC_URL", "must be an https:// address in production (cookies, links in emails)");
  }
  if (!env.DATABASE_URL) {
    problem("DATABASE_URL", "is required in production (the embedded Postgres is for development)");
  }
  if (!env.SMTP_URL) {
    problem("SMTP_URL", "is required in production: without it emails go to the dev outbox");
  }
  if (!env.S3_BUCKET && !env.FILES_DIR) {
    problem(
      "S3_BUCKET",
      "is required in production (or FILES_DIR with FILES_DIR_SHARED=true: one disk every replica mounts)",
    );
  } else if (!env.S3_BUCKET && env.FILES_DIR_SHARED !== true) {
    problem(
      "FILES_DIR_SHARED",
      "must be true when FILES_DIR stores files in production (every web and worker replica mounts the same disk), or set S3_BUCKET",
    );
  }
  if (!env.METRICS_TOKEN) {
    problem("METRICS_TOKEN", "is required in production (/metrics is never open)");
  } else if (env.METRICS_TOKEN.length < 16) {
    problem("METRICS_TOKEN", "must be 16+ characters in production");
  }
}

function invoiceSettings(env: Environment) {
  // Outside production, unset seller fields fall back to the demo seller as a whole, so a
  // development invoice is never half real.
  const configured = Boolean(env.INVOICE_SELLER_LEGAL_NAME);
  const pick = <K extends keyof typeof demoSeller>(value: string | undefined, key: K) =>
    value ?? (configured || env.NODE_ENV === "production" ? undefined : demoSeller[key]);
  const seller = {
    legalName: env.INVOICE_SELLER_LEGAL_NAME ?? demoSeller.legalName,
    legalForm: pick(env.INVOICE_SELLER_LEGAL_FORM, "legalForm"),
    addressLines: env.INVOICE_SELLER_ADDRESS
      ? env.INVOICE_SELLER_ADDRESS.split("|")
          .map((line) => line.trim())
          .filter(Boolean)
      : demoSeller.addressLines,
    siren: pick(env.INVOICE_SELLER_SIREN, "siren"),
    siret: pick(env.INVOICE_SELLER_SIRET, "siret"),
    rcs: pick(env.INVOICE_SELLER_RCS, "rcs"),
    shareCapital: pick(env.INVOICE_SELLER_SHARE_CAPITAL, "shareCapital"),
    vatNumber: env.INVOICE_VAT_EXEMPT
      ? env.INVOICE_SELLER_VAT_NUMBER
      : pick(env.INVOICE_SELLER_VAT_NUMBER, "vatNumber"),
    email: pick(env.INVOICE_SELLER_EMAIL, "email"),
  };
  return {
    seller,
    vatRateBasisPoints: env.INVOICE_VAT_EXEMPT ? 0 : env.INVOICE_VAT_RATE_BASIS_POINTS,
    vatExemptionMention: env.INVOICE_VAT_EXEMPT ? VAT_EXEMPTION_MENTION : undefined,
    locale: env.INVOICE_LOCALE,
    tempDir: path.resolve(repoRoot(), env.INVOICE_TEMP_DIR ?? ".data/tmp/invoices"),
  };
}

export type Config = z.output<typeof configSchema>;
export const configVariableNames = Object.keys(environmentShape).sort();

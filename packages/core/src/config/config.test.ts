import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, configVariableNames, loadConfig as loadAnyConfig } from "./index.ts";
import { DEV_AUTH_SECRET } from "./schema.ts";

/** Most cases describe development: say so, since a bare environment means production. */
const loadConfig = (env: NodeJS.ProcessEnv) => loadAnyConfig({ NODE_ENV: "development", ...env });

/** What production needs besides a gateway, Twilio and a seller (see the production cases). */
const productionBasics = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://mentora.example",
  DATABASE_URL: "postgres://mentora:pw@db.example:5432/mentora",
  SMTP_URL: "smtp://user:pass@smtp.example:587",
  S3_BUCKET: "mentora-files",
  METRICS_TOKEN: "m".repeat(24),
};

const twilio = {
  TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
  TWILIO_API_KEY_SID: `SK${"2".repeat(32)}`,
  TWILIO_API_KEY_SECRET: "api-key-secret",
  TWILIO_AUTH_TOKEN: "auth-token",
};

describe("loadConfig", () => {
  it("needs nothing in development: every variable has a default", () => {
    const config = loadConfig({});
    expect(config.app.env).toBe("development");
    expect(config.app.port).toBe(3000);
    expect(config.auth.sessionExpiresInDays).toBe(30);
    expect(config.auth.google).toBeUndefined();
  });

  it("is nested only: one section per slice, no flat variable beside them", () => {
    const config = loadConfig({});
    for (const [key, section] of Object.entries(config)) {
      expect(key, key).toMatch(/^[a-z][A-Za-z]*$/);
      expect(typeof section, key).toBe("object");
    }
    expect(config.app).toMatchObject({ env: "development", port: 3000, logLevel: "info" });
    expect(config.auth.secret).toBe(DEV_AUTH_SECRET);
    expect(config.bookings).toEqual({ holdMinutes: 15, menteeFreeCancellationHours: 24 });
    expect(config.worker).toEqual({ drainMs: 30_000, metricsPort: undefined });
  });

  it("names a missing variable in one readable message", () => {
    expect(() => loadConfig({ ...productionBasics })).toThrowError(ConfigError);
    expect(() => loadConfig({ ...productionBasics })).toThrowError(
      /^Invalid configuration: AUTH_SECRET is required in production.*See \.env\.example\.$/,
    );
  });

  it("names every malformed variable, not just the first", () => {
    let message = "";
    try {
      loadConfig({ PORT: "eighty", PUBLIC_URL: "not a url", LOG_LEVEL: "loud" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("PORT");
    expect(message).toContain("PUBLIC_URL");
    expect(message).toContain("LOG_LEVEL");
  });

  it("refuses half a Google configuration", () => {
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: "id" })).toThrowError(/GOOGLE_CLIENT_SECRET/);
    const config = loadConfig({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" });
    expect(config.auth.google).toEqual({ clientId: "id", clientSecret: "secret" });
  });

  it("trusts the public origin plus the listed ones", () => {
    const config = loadConfig({
      PUBLIC_URL: "https://mentora.example/app",
      TRUSTED_ORIGINS: "https://admin.example, http://localhost:5173",
    });
    expect(config.app.trustedOrigins).toEqual([
      "https://mentora.example",
      "https://admin.example",
      "http://localhost:5173",
    ]);
  });

  it("loads the sandbox gateway by default and parses gateways and routing", () => {
    expect(loadConfig({}).payments).toEqual({
      gatewayPackages: ["@mentora/gateway-sandbox"],
      routing: [{ currency: "*", gatewayId: "sandbox" }],
      timeoutMs: 10_000,
      lifespanMinutes: 30,
      feeBasisPoints: 1500,
      refundDestination: "original",
      topUpMaxMinor: 1_000_000,
    });
    const config = loadConfig({
      PAYMENT_GATEWAYS: "@mentora/gateway-konnect, @mentora/gateway-stripe",
      PAYMENT_ROUTING: "TND:konnect, *:stripe",
      GATEWAY_TIMEOUT_MS: "5000",
      PLATFORM_FEE_BASIS_POINTS: "0",
      REFUND_DESTINATION: "wallet",
    });
    expect(config.payments).toMatchObject({
      gatewayPackages: ["@mentora/gateway-konnect", "@mentora/gateway-stripe"],
      routing: [
        { currency: "TND", gatewayId: "konnect" },
        { currency: "*", gatewayId: "stripe" },
      ],
      timeoutMs: 5000,
      feeBasisPoints: 0,
      refundDestination: "wallet",
    });
    expect(() => loadConfig({ PLATFORM_FEE_BASIS_POINTS: "10001" })).toThrowError(
      /PLATFORM_FEE_BASIS_POINTS/,
    );
    expect(() => loadConfig({ REFUND_DESTINATION: "card" })).toThrowError(/REFUND_DESTINATION/);
  });

  it("refuses malformed routing, naming PAYMENT_ROUTING", () => {
    for (const routing of ["TND=konnect", "tnd:konnect", "TND:", "TND:konnect,TND:stripe", " "]) {
      expect(() => loadConfig({ PAYMENT_ROUTING: routing }), routing).toThrowError(
        /PAYMENT_ROUTING/,
      );
    }
    expect(() => loadConfig({ PAYMENT_GATEWAYS: " , " })).toThrowError(/PAYMENT_GATEWAYS/);
    expect(() => loadConfig({ GATEWAY_TIMEOUT_MS: "0" })).toThrowError(/GATEWAY_TIMEOUT_MS/);
  });

  it("parses a production configuration with a real gateway (the registry refuses one that moves no money)", () => {
    const production = {
      ...productionBasics,
      AUTH_SECRET: "x".repeat(32),
      // Production invoices need a real seller (see invoices.test.ts).
      INVOICE_SELLER_LEGAL_NAME: "Mentora SAS",
      INVOICE_SELLER_LEGAL_FORM: "SAS",
      INVOICE_SELLER_ADDRESS: "1 rue X|75001 Paris",
      INVOICE_SELLER_SIREN: "912345678",
      INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
      ...twilio,
    };
    const config = loadConfig({
      ...production,
      PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
      PAYMENT_ROUTING: "*:stripe",
    });
    expect(config.payments.gatewayPackages).toEqual(["@mentora/gateway-stripe"]);
    // Accounts: admins need two-factor in production unless explicitly turned off.
    expect(config.accounts.adminRequireTwoFactor).toBe(true);
  });

  it("accounts: admin two-factor off outside production unless asked; session limits in ms", () => {
    const config = loadConfig({});
    expect(config.accounts).toEqual({
      adminRequireTwoFactor: false,
      sessionAbsoluteMs: 30 * 24 * 60 * 60_000,
      freshSessionMs: 15 * 60_000,
    });
    expect(loadConfig({ ADMIN_REQUIRE_2FA: "true" }).accounts.adminRequireTwoFactor).toBe(true);
    expect(loadConfig({ ADMIN_REQUIRE_2FA: "" }).accounts.adminRequireTwoFactor).toBe(false);
    expect(() => loadConfig({ ADMIN_REQUIRE_2FA: "maybe" })).toThrowError(/ADMIN_REQUIRE_2FA/);
    expect(() => loadConfig({ SESSION_ABSOLUTE_DAYS: "0" })).toThrowError(/SESSION_ABSOLUTE_DAYS/);
  });

  it("MENTOR_APPROVAL: admin by default in production, auto elsewhere, as set when set", () => {
    const production = {
      ...productionBasics,
      AUTH_SECRET: "x".repeat(32),
      PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
      PAYMENT_ROUTING: "*:stripe",
      INVOICE_SELLER_LEGAL_NAME: "Mentora SAS",
      INVOICE_SELLER_LEGAL_FORM: "SAS",
      INVOICE_SELLER_ADDRESS: "1 rue X|75001 Paris",
      INVOICE_SELLER_SIREN: "912345678",
      INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
      ...twilio,
    };
    expect(loadConfig(production).mentors.approval).toBe("admin");
    expect(loadConfig({ ...production, MENTOR_APPROVAL: "auto" }).mentors.approval).toBe("auto");
    expect(loadConfig({}).mentors.approval).toBe("auto");
    expect(loadConfig({ NODE_ENV: "test" }).mentors.approval).toBe("auto");
    expect(loadConfig({ MENTOR_APPROVAL: "admin" }).mentors.approval).toBe("admin");
    expect(() => loadConfig({ MENTOR_APPROVAL: "maybe" })).toThrowError(/MENTOR_APPROVAL/);
  });

  it("money paths: cooldown and caps with their defaults", () => {
    expect(loadConfig({}).moneyPaths).toEqual({
      payoutMethodCooldownMs: 48 * 3_600_000,
      maxOpenHolds: 3,
      maxFreeBookingsPerWeek: 2,
    });
    expect(
      loadConfig({ PAYOUT_METHOD_COOLDOWN_HOURS: "0" }).moneyPaths.payoutMethodCooldownMs,
    ).toBe(0);
    expect(() => loadConfig({ MAX_OPEN_HOLDS: "0" })).toThrowError(/MAX_OPEN_HOLDS/);
  });

  it("needs Twilio in production, and all of its keys or none anywhere", () => {
    const production = {
      ...productionBasics,
      AUTH_SECRET: "x".repeat(32),
      PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
      PAYMENT_ROUTING: "*:stripe",
      INVOICE_SELLER_LEGAL_NAME: "Mentora SAS",
      INVOICE_SELLER_LEGAL_FORM: "SAS",
      INVOICE_SELLER_ADDRESS: "1 rue X|75001 Paris",
      INVOICE_SELLER_SIREN: "912345678",
      INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
    };
    expect(() => loadConfig(production)).toThrowError(
      /TWILIO_ACCOUNT_SID Twilio Video is required in production/,
    );
    expect(loadConfig({ ...production, ...twilio }).video.twilio).toMatchObject({
      accountSid: twilio.TWILIO_ACCOUNT_SID,
    });
    expect(loadConfig({}).video.twilio).toBeNull();
    const { TWILIO_AUTH_TOKEN: _left, ...partial } = twilio;
    expect(() => loadConfig(partial)).toThrowError(/TWILIO_AUTH_TOKEN/);
  });

  describe("production, the default", () => {
    const complete = {
      ...productionBasics,
      AUTH_SECRET: "s".repeat(40),
      PAYMENT_GATEWAYS: "@mentora/gateway-stripe",
      PAYMENT_ROUTING: "*:stripe",
      INVOICE_SELLER_LEGAL_NAME: "Mentora SAS",
      INVOICE_SELLER_LEGAL_FORM: "SAS",
      INVOICE_SELLER_ADDRESS: "1 rue X|75001 Paris",
      INVOICE_SELLER_SIREN: "912345678",
      INVOICE_SELLER_VAT_NUMBER: "FR32912345678",
      ...twilio,
    };
    const messageOf = (env: NodeJS.ProcessEnv) => {
      try {
        loadAnyConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("the configuration was accepted");
    };

    it("a complete production environment loads, with NODE_ENV unset", () => {
      const { NODE_ENV: _unset, ...bare } = complete;
      const config = loadAnyConfig(bare);
      expect(config.app.env).toBe("production");
      expect(config.auth.secret).toBe(complete.AUTH_SECRET);
    });

    it("an empty environment stops with ONE line naming every missing variable", () => {
      const message = messageOf({});
      expect(message.split("\n")).toHaveLength(1);
      for (const name of [
        "PUBLIC_URL",
        "AUTH_SECRET",
        "DATABASE_URL",
        "SMTP_URL",
        "S3_BUCKET",
        "METRICS_TOKEN",
        // Required in production (the sandbox default is for development); a named gateway
        // that moves no money is refused at start by the registry (gateway-registry.test.ts).
        "PAYMENT_GATEWAYS",
        "TWILIO_ACCOUNT_SID",
        "INVOICE_SELLER_LEGAL_NAME",
        "INVOICE_SELLER_SIREN",
      ]) {
        expect(message).toContain(name);
      }
    });

    it("names the missing variables even when another one is malformed", () => {
      const { AUTH_SECRET: _a, SMTP_URL: _s, ...rest } = complete;
      const message = messageOf({ ...rest, PORT: "eighty" });
      expect(message).toContain("PORT");
      expect(message).toContain("AUTH_SECRET is required in production");
      expect(message).toContain("SMTP_URL is required in production");
    });

    it("refuses the development AUTH_SECRET, an http PUBLIC_URL and a short METRICS_TOKEN", () => {
      expect(messageOf({ ...complete, AUTH_SECRET: DEV_AUTH_SECRET })).toMatch(
        /AUTH_SECRET is the public development secret/,
      );
      expect(messageOf({ ...complete, PUBLIC_URL: "http://mentora.example" })).toMatch(
        /PUBLIC_URL must be an https:\/\/ address/,
      );
      expect(messageOf({ ...complete, METRICS_TOKEN: "short" })).toMatch(/METRICS_TOKEN/);
    });

    it("stores files on a local disk only when every replica shares it", () => {
      const { S3_BUCKET: _bucket, ...local } = complete;
      expect(messageOf({ ...local, FILES_DIR: "/srv/files" })).toMatch(
        /FILES_DIR_SHARED must be true/,
      );
      const shared = loadAnyConfig({ ...local, FILES_DIR: "/srv/files", FILES_DIR_SHARED: "true" });
      expect(shared.fileStorage).toEqual({ rootDir: "/srv/files", s3: undefined });
    });
  });

  it(".env.production.example documents every variable the schema reads", () => {
    const example = readFileSync(
      new URL("../../../../.env.production.example", import.meta.url),
      "utf8",
    );
    const documented = new Set(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]),
    );
    expect(configVariableNames.filter((name) => !documented.has(name))).toEqual([]);
  });

  it(".env.example documents exactly the variables the schema reads", () => {
    const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual(configVariableNames);
  });
});

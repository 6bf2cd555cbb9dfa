import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, configVariableNames, loadConfig } from "./index.ts";

describe("loadConfig", () => {
  it("needs nothing in development: every variable has a default", () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe("development");
    expect(config.PORT).toBe(3000);
    expect(config.SESSION_EXPIRES_IN_DAYS).toBe(30);
    expect(config.google).toBeUndefined();
  });

  it("names a missing variable in one readable message", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrowError(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrowError(
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
    expect(config.google).toEqual({ clientId: "id", clientSecret: "secret" });
  });

  it("trusts the public origin plus the listed ones", () => {
    const config = loadConfig({
      PUBLIC_URL: "https://mentora.example/app",
      TRUSTED_ORIGINS: "https://admin.example, http://localhost:5173",
    });
    expect(config.trustedOrigins).toEqual([
      "https://mentora.example",
      "https://admin.example",
      "http://localhost:5173",
    ]);
  });

  it(".env.example documents exactly the variables the schema reads", () => {
    const example = readFileSync(new URL("../../../../.env.example", import.meta.url), "utf8");
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual(configVariableNames);
  });
});

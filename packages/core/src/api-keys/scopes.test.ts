import { describe, expect, it } from "vitest";
import { apiKeyForm } from "../contracts/index.ts";
import { apiKeyFromHeaders, permissionsToScopes, scopesToPermissions } from "./scopes.ts";

const key = `mnt_${"a".repeat(32)}${"B".repeat(32)}`;

describe("API key scopes", () => {
  it("round-trips scopes through the plugin's permissions shape", () => {
    const permissions = scopesToPermissions(["bookings:read", "mentors:read", "bookings:read"]);
    expect(permissions).toEqual({ bookings: ["read"], mentors: ["read"] });
    expect(permissionsToScopes(permissions)).toEqual(["mentors:read", "bookings:read"]);
    expect(permissionsToScopes(JSON.stringify(permissions))).toEqual([
      "mentors:read",
      "bookings:read",
    ]);
  });

  it("grants nothing for unknown or malformed permissions", () => {
    expect(permissionsToScopes({ bookings: ["write"], admin: ["read"] })).toEqual([]);
    expect(permissionsToScopes({ payments: "read" })).toEqual([]);
    expect(permissionsToScopes("{not json")).toEqual([]);
    expect(permissionsToScopes(null)).toEqual([]);
    expect(permissionsToScopes(["mentors:read"])).toEqual([]);
  });

  it("the form accepts known scopes and expiries only", () => {
    expect(apiKeyForm.safeParse({ name: "CI", scopes: ["payments:read"] }).success).toBe(true);
    expect(apiKeyForm.safeParse({ name: "CI", scopes: ["bookings:write"] }).success).toBe(false);
    expect(apiKeyForm.safeParse({ name: "CI", scopes: [] }).success).toBe(false);
    expect(apiKeyForm.safeParse({ name: " ", scopes: ["mentors:read"] }).success).toBe(false);
    expect(
      apiKeyForm.safeParse({ name: "CI", scopes: ["mentors:read"], expiresInDays: 30 }).success,
    ).toBe(true);
    expect(
      apiKeyForm.safeParse({ name: "CI", scopes: ["mentors:read"], expiresInDays: 3650 }).success,
    ).toBe(false);
  });
});

describe("API key from the request headers", () => {
  const parse = (headers: Record<string, string>) => apiKeyFromHeaders(new Headers(headers));

  it("reads a bearer token or the x-api-key header", () => {
    expect(parse({ authorization: `Bearer ${key}` })).toBe(key);
    expect(parse({ authorization: `bearer   ${key}` })).toBe(key);
    expect(parse({ "x-api-key": key })).toBe(key);
    expect(parse({ authorization: `Bearer ${key}`, "x-api-key": key })).toBe(key);
  });

  it("is null without a key", () => {
    expect(parse({})).toBeNull();
    expect(parse({ cookie: "better-auth.session_token=abc" })).toBeNull();
  });

  it("refuses what cannot be one of our keys, without a lookup", () => {
    expect(parse({ authorization: `Basic ${btoa("a:b")}` })).toBe("malformed");
    expect(parse({ authorization: "Bearer" })).toBe("malformed");
    expect(parse({ authorization: `Bearer ${key} extra` })).toBe("malformed");
    expect(parse({ authorization: "Bearer mnt_short" })).toBe("malformed");
    expect(parse({ authorization: `Bearer sk_${"a".repeat(64)}` })).toBe("malformed");
    expect(parse({ "x-api-key": `${key}1` })).toBe("malformed");
    expect(parse({ "x-api-key": "" })).toBe("malformed");
    const other = `mnt_${"c".repeat(64)}`;
    expect(parse({ authorization: `Bearer ${key}`, "x-api-key": other })).toBe("malformed");
  });
});

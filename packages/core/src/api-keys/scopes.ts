import { type ApiScope, apiScopes } from "../contracts/index.ts";

/**
 * Scopes are stored in the api-key plugin's `permissions` column as `{ resource: [action] }`
 * (`mentors:read` → `{ mentors: ["read"] }`), the plugin's own shape.
 */
export type ApiKeyPermissions = Record<string, string[]>;

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === "string" && (apiScopes as readonly string[]).includes(value);
}

export function scopesToPermissions(scopes: readonly ApiScope[]): ApiKeyPermissions {
  const permissions: ApiKeyPermissions = {};
  for (const scope of new Set(scopes)) {
    const [resource, action] = scope.split(":") as [string, string];
    permissions[resource] = [...(permissions[resource] ?? []), action];
  }
  return permissions;
}

/**
 * The scopes a stored `permissions` value grants, in the catalogue's order. Anything else
 * (an unknown resource or action, a malformed value) grants nothing: a key never gains access
 * from data we did not write.
 */
export function permissionsToScopes(permissions: unknown): ApiScope[] {
  let value = permissions;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  const granted = new Set<string>();
  for (const [resource, actions] of Object.entries(value)) {
    if (!Array.isArray(actions)) continue;
    for (const action of actions) {
      if (typeof action === "string") granted.add(`${resource}:${action}`);
    }
  }
  return apiScopes.filter((scope) => granted.has(scope));
}

/** The keys our plugin makes: the prefix and 64 letters. */
const KEY_SHAPE = /^mnt_[A-Za-z]{64}$/;

/**
 * The API key of a request: `Authorization: Bearer <key>` or `x-api-key: <key>`. `null` when
 * none is sent, `"malformed"` when one is sent but cannot be ours (refused without a lookup).
 * Two different keys in the two headers are malformed too: which one would count?
 */
export function apiKeyFromHeaders(headers: Headers): string | null | "malformed" {
  const authorization = headers.get("authorization");
  let bearer: string | null = null;
  if (authorization !== null) {
    const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization);
    if (!match) return "malformed";
    bearer = match[1] ?? null;
  }
  const header = headers.get("x-api-key")?.trim() ?? null;
  if (bearer !== null && header !== null && bearer !== header) return "malformed";
  const key = bearer ?? header;
  if (key === null || key === "") return key === "" ? "malformed" : null;
  return KEY_SHAPE.test(key) ? key : "malformed";
}

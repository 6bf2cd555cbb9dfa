import { negotiateLocale } from "@mentora/i18n";
import type { AppServices } from "../app/types.ts";
import type { AuthSession } from "../auth/index.ts";
import { clientIp } from "../client-ip/index.ts";
import { AppError } from "../errors/index.ts";
import { type Context, isTimeZone, requestIdFrom } from "../trpc/context.ts";
import { apiKeyFromHeaders, permissionsToScopes } from "./scopes.ts";

/**
 * The tRPC context of a public REST API call (/api/v1): authenticated by its API key only (a
 * cookie is ignored, so no cross-site request can use a browser's session), as the key's owner
 * with the key's scopes, after one point of the key's `api-key` rate limit (Postgres: holds
 * across processes). Throws AppError: API_KEY_REQUIRED, API_KEY_INVALID (unknown, revoked,
 * malformed), API_KEY_EXPIRED, TOO_MANY_REQUESTS (with retryAfterSeconds).
 */
export async function createApiContext(input: {
  services: AppServices;
  headers: Headers;
  resHeaders?: Headers;
  clientAddress?: string | null;
}): Promise<Context> {
  const { services, headers } = input;
  const key = apiKeyFromHeaders(headers);
  if (key === null) throw new AppError("API_KEY_REQUIRED");
  if (key === "malformed") throw new AppError("API_KEY_INVALID");
  const verified = await services.auth.api.verifyApiKey({ body: { key } });
  if (!verified.valid || !verified.key) {
    throw new AppError(
      verified.error?.code === "KEY_EXPIRED" ? "API_KEY_EXPIRED" : "API_KEY_INVALID",
    );
  }
  const grant = { id: verified.key.id, scopes: permissionsToScopes(verified.key.permissions) };
  await services.rateLimits.consume("api-key", `key:${grant.id}`);
  const user = await services.prisma.user.findUnique({ where: { id: verified.key.referenceId } });
  // The plugin's own check, again: a key of a deleted account dies with it (cascade).
  if (!user) throw new AppError("API_KEY_INVALID");
  const epoch = new Date(0);
  // A session made of the key: never fresh (money actions refuse it), never second-factor.
  const session = {
    user,
    session: {
      id: `apikey:${grant.id}`,
      token: "",
      userId: user.id,
      createdAt: epoch,
      updatedAt: epoch,
      expiresAt: verified.key.expiresAt ?? new Date(Date.now() + 60_000),
      ipAddress: null,
      userAgent: headers.get("user-agent"),
      twoFactorVerified: false,
    },
  } as unknown as AuthSession;
  return {
    services,
    session,
    apiKey: grant,
    requestId: requestIdFrom(headers),
    ip: clientIp(
      { headers, remoteAddress: input.clientAddress },
      services.config.network.trustedProxies,
    ),
    userAgent: headers.get("user-agent"),
    locale: negotiateLocale({
      profileLocale: user.locale,
      acceptLanguage: headers.get("accept-language"),
    }),
    // The API takes a time zone per call (slots) and answers instants in UTC otherwise.
    timezone: [headers.get("x-timezone")].find(isTimeZone) ?? "UTC",
    resHeaders: input.resHeaders ?? new Headers(),
  };
}

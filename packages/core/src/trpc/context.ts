import { randomUUID } from "node:crypto";
import { type Locale, negotiateLocale } from "@mentora/i18n";
import type { AppServices } from "../app/types.ts";
import type { AuthSession } from "../auth/index.ts";
import { isPastAbsoluteLifetime } from "../auth/index.ts";
import { clientIp } from "../client-ip/index.ts";
import type { ApiScope } from "../contracts/index.ts";

/** The API key a /api/v1 call was made with: the procedures it may reach follow its scopes. */
export interface ApiKeyGrant {
  id: string;
  scopes: ApiScope[];
}

export interface Context {
  services: AppServices;
  /** The signed-in viewer's better-auth session, or null for anonymous callers. */
  session: AuthSession | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  locale: Locale;
  /** IANA timezone the viewer sees times in: their profile's, else the browser's, else UTC. */
  timezone: string;
  /** Response headers of the HTTP request, when there is one (cookies set by auth calls). */
  resHeaders: Headers;
  /** Set only for calls of the public REST API made with an API key (decision 052). */
  apiKey?: ApiKeyGrant;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A request id from a trusted upstream (proxy, Remix loader) or a new one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

// Every request asks (profile zone, x-timezone, a slots query's zone): building a formatter
// each time showed in the mentor page's profile, so answers are remembered (bounded: they come
// from requests).
const knownZones = new Map<string, boolean>();

export function isTimeZone(value: string | null | undefined): value is string {
  if (!value || value.length > 64) return false;
  let known = knownZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size >= 1_000) knownZones.clear();
    knownZones.set(value, known);
  }
  return known;
}

/** The session, or null once it is past SESSION_ABSOLUTE_DAYS (then it is revoked for good). */
async function withinAbsoluteLifetime(
  services: AppServices,
  session: AuthSession,
): Promise<AuthSession | null> {
  if (!isPastAbsoluteLifetime(session.session, services.config)) return session;
  await services.prisma.session.deleteMany({ where: { id: session.session.id } });
  services.logger.info({ userId: session.user.id }, "session past its absolute lifetime revoked");
  return null;
}

export async function createContext(input: {
  services: AppServices;
  headers: Headers;
  resHeaders?: Headers;
  /** The TCP peer of the HTTP request (the server's load context); the IP is derived from it. */
  clientAddress?: string | null;
}): Promise<Context> {
  const { services, headers } = input;
  const resHeaders = input.resHeaders ?? new Headers();
  // returnHeaders: when better-auth renews a session it sets a fresh cookie; pass it on.
  const { headers: authHeaders, response: found } = await services.auth.api.getSession({
    headers,
    returnHeaders: true,
  });
  const session = found && (await withinAbsoluteLifetime(services, found));
  // A renewal cookie only for a live session; the auth API's own cookie deletion passes on.
  if (session || !found) {
    for (const cookie of authHeaders?.getSetCookie() ?? []) resHeaders.append("set-cookie", cookie);
  }
  const user = session?.user;
  return {
    services,
    session: session ?? null,
    requestId: requestIdFrom(headers),
    ip: clientIp(
      { headers, remoteAddress: input.clientAddress },
      services.config.network.trustedProxies,
    ),
    userAgent: headers.get("user-agent"),
    locale: negotiateLocale({
      profileLocale: user?.locale,
      acceptLanguage: headers.get("accept-language"),
    }),
    timezone: [user?.timezone, headers.get("x-timezone")].find(isTimeZone) ?? "UTC",
    resHeaders,
  };
}

import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

/**
 * Which hops in front of the web process may append to X-Forwarded-For: none (the socket
 * address is the client), the nearest N hops, or the addresses/CIDR ranges listed.
 */
export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; count: number }
  | { kind: "list"; entries: string[] };

/**
 * TRUSTED_PROXIES: empty (none), a hop count like `1`, or a comma list of addresses, CIDR
 * ranges or proxy-addr's names (loopback, linklocal, uniquelocal). Throws on a bad entry.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", count: Number(text) };
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // proxy-addr validates each entry (throws "invalid IP address" / "invalid range").
  proxyaddr.compile(entries);
  return { kind: "list", entries };
}

const compiled = new WeakMap<TrustedProxies, (address: string, hop: number) => boolean>();

function compile(trusted: TrustedProxies): (address: string, hop: number) => boolean {
  if (trusted.kind === "none") return () => false;
  if (trusted.kind === "hops") {
    const { count } = trusted;
    return (_address, hop) => hop < count;
  }
  return proxyaddr.compile(trusted.entries);
}

function trustFunction(trusted: TrustedProxies): (address: string, hop: number) => boolean {
  const known = compiled.get(trusted);
  if (known) return known;
  const trust = compile(trusted);
  compiled.set(trusted, trust);
  return trust;
}

/** What a request offers: its headers, and the TCP peer the HTTP server saw (if known). */
export interface ClientIpSource {
  /** Only X-Forwarded-For is read (a plain lookup will do: the webhook lane has no Headers). */
  headers: Pick<Headers, "get">;
  /** The socket's remote address (from the server's load context); undefined when unknown. */
  remoteAddress?: string | null;
}

/** A canonical dotted IPv4 address (no leading zeros): already its own spelling. */
const CANONICAL_IPV4 =
  /^(?:::ffff:)?((?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))$/i;

/** One spelling per address: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes plain IPv4. */
function normalize(address: string): string | null {
  // The common socket addresses without ipaddr's parsers (it tries IPv6 first, a visible
  // share of a webhook's CPU; decision 064); anything else goes through them.
  const ipv4 = CANONICAL_IPV4.exec(address)?.[1];
  if (ipv4) return ipv4;
  const trimmed = address.trim();
  if (!ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed).toString();
}

/**
 * The client's IP: walking X-Forwarded-For from the right, starting at the socket address,
 * the first hop that is not a trusted proxy. With no proxy trusted it is the socket address,
 * whatever the headers say (the client writes them). Null when the socket address is unknown.
 */
export function clientIp(source: ClientIpSource, trusted: TrustedProxies): string | null {
  const remote = source.remoteAddress ? normalize(source.remoteAddress) : null;
  if (!remote) return null;
  if (trusted.kind === "none") return remote;
  const forwardedFor = source.headers.get("x-forwarded-for") ?? "";
  const request = {
    headers: { "x-forwarded-for": forwardedFor },
    socket: { remoteAddress: remote },
  };
  // proxy-addr walks right to left and stops at the first untrusted hop (or a malformed one).
  const address = proxyaddr(request as never, trustFunction(trusted));
  return normalize(address) ?? remote;
}

/**
 * better-auth reads the client IP from this header only (sessions record it; its own
 * checks key on it). The HTTP edge always replaces it: a value the client sent never survives.
 */
export const CLIENT_IP_HEADER = "x-mentora-client-ip";

/** A copy of the headers with the client IP header set to ours (or removed when unknown). */
export function withClientIpHeader(headers: Headers, ip: string | null): Headers {
  const copy = new Headers(headers);
  copy.delete(CLIENT_IP_HEADER);
  if (ip) copy.set(CLIENT_IP_HEADER, ip);
  return copy;
}

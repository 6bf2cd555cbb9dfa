import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAsync } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors/index.ts";

/**
 * SSRF guard for integrators' URLs (decision 053). A webhook makes our servers send requests
 * where a user says: without this, a mentor could point one at the cloud metadata service
 * (169.254.169.254), the database or an admin port on the private network.
 *
 * Production: https only, and every address the host resolves to must be public unicast.
 * Elsewhere: http allowed and loopback too (tests and local receivers), still no private
 * network, link-local or metadata address. Checked when the URL is saved and again at every
 * connection (the `lookup` below), so a DNS answer that changes later (rebinding) is refused.
 */
export interface UrlPolicy {
  production: boolean;
}

export type UrlRejection =
  | "invalid"
  | "scheme"
  | "credentials"
  | "unresolvable"
  | "private_address";

function reject(reason: UrlRejection, detail?: string): never {
  throw new AppError("WEBHOOK_URL_REJECTED", { reason, ...(detail ? { detail } : {}) });
}

/** Whether our servers may connect to this IP address under the policy. */
export function isAllowedAddress(address: string, policy: UrlPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  // ::ffff:10.0.0.1 is 10.0.0.1: classify the IPv4 address it carries.
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === "unicast") return true;
  return !policy.production && range === "loopback";
}

/** Parses and checks the shape of a URL (scheme, no credentials), without resolving it. */
export function parseEndpointUrl(text: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return reject("invalid");
  }
  const schemes = policy.production ? ["https:"] : ["https:", "http:"];
  if (!schemes.includes(url.protocol)) reject("scheme");
  if (url.username || url.password) reject("credentials");
  if (!url.hostname) reject("invalid");
  return url;
}

/** The bare host of a URL: `[::1]` → `::1`. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Checks a URL before it is saved: its shape, then every address its host resolves to.
 * Throws WEBHOOK_URL_REJECTED (details.reason) when our servers must not call it.
 */
export async function checkEndpointUrl(text: string, policy: UrlPolicy): Promise<URL> {
  const url = parseEndpointUrl(text, policy);
  const host = bareHost(url);
  let addresses: LookupAddress[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: host.includes(":") ? 6 : 4 }]
      : await dnsLookupAsync(host, { all: true, verbatim: true });
  } catch {
    return reject("unresolvable");
  }
  if (addresses.length === 0) reject("unresolvable");
  const refused = addresses.find(({ address }) => !isAllowedAddress(address, policy));
  if (refused) reject("private_address", refused.address);
  return url;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http(s) that resolves the host and refuses the connection when ANY of its
 * addresses is not allowed: the check and the connection use the same answer.
 */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find(({ address }) => !isAllowedAddress(address, policy));
      if (refused || addresses.length === 0) {
        const denied: NodeJS.ErrnoException = new Error(
          `webhook host ${hostname} resolves to a refused address ${refused?.address ?? "(none)"}`,
        );
        denied.code = "EADDRREFUSED";
        return callback(denied, []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}

import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, parseTrustedProxies, withClientIpHeader } from "./index.ts";

const source = (remoteAddress: string | null, forwardedFor?: string) => ({
  remoteAddress,
  headers: new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
});

describe("parseTrustedProxies", () => {
  it("reads none, a hop count, or a list of addresses and ranges", () => {
    expect(parseTrustedProxies(undefined)).toEqual({ kind: "none" });
    expect(parseTrustedProxies(" ")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("2")).toEqual({ kind: "hops", count: 2 });
    expect(parseTrustedProxies("10.0.0.0/8, 192.0.2.10,loopback")).toEqual({
      kind: "list",
      entries: ["10.0.0.0/8", "192.0.2.10", "loopback"],
    });
  });

  it("refuses what is not an address or range", () => {
    expect(() => parseTrustedProxies("10.0.0.0/99")).toThrow();
    expect(() => parseTrustedProxies("proxy.example.com")).toThrow();
  });
});

describe("clientIp", () => {
  it("with no proxy trusted, is the socket address whatever X-Forwarded-For says", () => {
    const none = parseTrustedProxies("");
    expect(clientIp(source("198.51.100.4", "203.0.113.9"), none)).toBe("198.51.100.4");
    expect(clientIp(source("::ffff:198.51.100.4"), none)).toBe("198.51.100.4");
    expect(clientIp(source("2001:db8::1", "1.1.1.1"), none)).toBe("2001:db8::1");
    // The IPv4 fast path and ipaddr agree on every spelling.
    expect(clientIp(source("::FFFF:198.51.100.4"), none)).toBe("198.51.100.4");
    // Leading zeros are ipaddr's business (octal, as inet_aton reads them).
    expect(clientIp(source("198.051.100.4"), none)).toBe("198.41.100.4");
    expect(clientIp(source("::ffff:c633:6404"), none)).toBe("198.51.100.4");
    expect(clientIp(source("256.1.1.1"), none)).toBeNull();
  });

  it("is null when the socket address is unknown (never a header's word)", () => {
    expect(clientIp(source(null, "203.0.113.9"), parseTrustedProxies("1"))).toBeNull();
    expect(clientIp(source("not an ip"), parseTrustedProxies(""))).toBeNull();
  });

  it("with one trusted hop, takes the right-most forwarded address, not the forged left one", () => {
    const one = parseTrustedProxies("1");
    // The client forged "6.6.6.6"; the proxy appended the real peer "203.0.113.9".
    expect(clientIp(source("10.0.0.2", "6.6.6.6, 203.0.113.9"), one)).toBe("203.0.113.9");
    // Nothing forwarded: the socket peer itself.
    expect(clientIp(source("10.0.0.2"), one)).toBe("10.0.0.2");
  });

  it("with two trusted hops, skips both proxies", () => {
    const two = parseTrustedProxies("2");
    expect(clientIp(source("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1"), two)).toBe("203.0.113.9");
  });

  it("with a CIDR list, skips hops inside the ranges and stops at the first outside", () => {
    const list = parseTrustedProxies("10.0.0.0/8,192.0.2.10");
    expect(clientIp(source("10.0.0.2", "6.6.6.6, 203.0.113.9, 192.0.2.10"), list)).toBe(
      "203.0.113.9",
    );
    // The peer itself is not a trusted proxy: its header is ignored.
    expect(clientIp(source("198.51.100.7", "6.6.6.6"), list)).toBe("198.51.100.7");
    // A client cannot push a trusted-looking address in front: walking stops at it.
    expect(clientIp(source("10.0.0.2", "10.1.1.1, 203.0.113.9"), list)).toBe("203.0.113.9");
  });
});

describe("withClientIpHeader", () => {
  it("replaces a value the client sent, or removes it when the IP is unknown", () => {
    const forged = new Headers({ [CLIENT_IP_HEADER]: "6.6.6.6", accept: "text/html" });
    expect(withClientIpHeader(forged, "203.0.113.9").get(CLIENT_IP_HEADER)).toBe("203.0.113.9");
    expect(withClientIpHeader(forged, null).has(CLIENT_IP_HEADER)).toBe(false);
    expect(withClientIpHeader(forged, null).get("accept")).toBe("text/html");
  });
});

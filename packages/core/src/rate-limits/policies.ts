/**
 * Every rate limit, by name: how many points (attempts) a key may spend in `durationSeconds`,
 * and how long it is then refused (`blockSeconds`, default: the rest of the window).
 * RATE_LIMITS overrides points and duration per policy (`sign-in-ip=50,booking-hold=100/60`).
 */
export interface PolicyLimit {
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
  /**
   * Points a process takes from the shared counter at once and then spends in memory (one
   * Postgres round trip per `lease` requests instead of per request; decision 055). The shared
   * count stays exact: a process never spends more than it took. The cost is that a process may
   * hold up to lease - 1 unspent points per key until the window ends, hence at most 2 % of
   * `points` (a smaller limit is counted request by request). Ignored with blockSeconds.
   */
  lease?: number;
}

export const defaultPolicies = {
  /** Failed sign-ins from one IP (any address): a password spray from one place. */
  "sign-in-ip": { points: 20, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /**
   * Failed sign-ins on one address (from anywhere): `points` failures lock it out for
   * lockoutBaseSeconds, doubling with each lockout within a day up to lockoutMaxSeconds.
   */
  "sign-in-email": { points: 5, durationSeconds: 60 * 60 },
  "sign-up-email": { points: 3, durationSeconds: 60 * 60 },
  "sign-up-ip": { points: 10, durationSeconds: 60 * 60 },
  "password-reset-email": { points: 3, durationSeconds: 60 * 60 },
  "password-reset-ip": { points: 10, durationSeconds: 60 * 60 },
  "verification-email-email": { points: 3, durationSeconds: 60 * 60 },
  "verification-email-ip": { points: 10, durationSeconds: 60 * 60 },
  "invitation-send": { points: 30, durationSeconds: 60 * 60 },
  "booking-hold": { points: 30, durationSeconds: 10 * 60 },
  /** Every tRPC mutation, per signed-in user (per IP for anonymous callers). */
  mutation: { points: 120, durationSeconds: 60 },
  /**
   * Payment providers' webhooks, per source IP, counted before any signature work: generous, as
   * a provider's retry burst after an outage comes from few addresses.
   */
  "webhook-ip": { points: 600, durationSeconds: 60, lease: 10 },
  /** Twilio's status callbacks, per source IP: a busy room sends several events per second. */
  "video-callback-ip": { points: 600, durationSeconds: 60 },
  /** Passkey sign-ins started from one IP: each one stores a challenge row. */
  "passkey-ip": { points: 30, durationSeconds: 10 * 60 },
  /** Realtime streams opened per user (each page load opens one; reconnects count too). */
  "realtime-connect": { points: 60, durationSeconds: 60 },
  /** Messages sent by one person (a message to a whole group session counts once). */
  "message-send": { points: 20, durationSeconds: 60 },
  /** "Is typing" signals by one person: the page sends at most one every 3 seconds. */
  "message-typing": { points: 30, durationSeconds: 60 },
  /** s6-api: public REST API calls per API key (decision 052); RATE_LIMITS tunes it. */
  "api-key": { points: 120, durationSeconds: 60 },
  /**
   * Calendar subscription fetches per feed token: calendar apps poll every 15 min to a few hours;
   * a person may subscribe from several devices.
   */
  "calendar-feed": { points: 120, durationSeconds: 60 * 60 },
} as const satisfies Record<string, PolicyLimit>;

export type PolicyName = keyof typeof defaultPolicies;
export const policyNames = Object.keys(defaultPolicies) as PolicyName[];

/** The sign-in lockout ladder: 1 min, 2, 4, … up to 1 h; the count of lockouts lasts a day. */
export const lockout = {
  baseSeconds: 60,
  maxSeconds: 60 * 60,
  memorySeconds: 24 * 60 * 60,
};

/** How long the n-th lockout (1-based) of one address lasts. */
export function lockoutSeconds(nth: number): number {
  const doubled = lockout.baseSeconds * 2 ** Math.max(0, nth - 1);
  return Math.min(doubled, lockout.maxSeconds);
}

export type PolicyOverrides = Partial<Record<PolicyName, Partial<PolicyLimit>>>;

const OVERRIDE = /^([a-z-]+)=(\d+)(?:\/(\d+))?$/;

/** Parses RATE_LIMITS (`name=points` or `name=points/seconds`, comma-separated). Throws. */
export function parseRateLimitOverrides(value: string | undefined): PolicyOverrides {
  const overrides: PolicyOverrides = {};
  for (const part of value?.split(",") ?? []) {
    const entry = part.trim();
    if (!entry) continue;
    const match = OVERRIDE.exec(entry);
    const name = match?.[1] as PolicyName | undefined;
    if (!match || !name || !(name in defaultPolicies)) {
      throw new Error(
        `"${entry}" is not policy=points or policy=points/seconds with a policy among ${policyNames.join(", ")}`,
      );
    }
    const points = Number(match[2]);
    const seconds = match[3] ? Number(match[3]) : undefined;
    if (points < 1 || seconds === 0) throw new Error(`"${entry}": points and seconds must be ≥ 1`);
    overrides[name] = { points, ...(seconds ? { durationSeconds: seconds } : {}) };
  }
  return overrides;
}

export function resolvePolicies(overrides: PolicyOverrides): Record<PolicyName, PolicyLimit> {
  const resolved = {} as Record<PolicyName, PolicyLimit>;
  for (const name of policyNames) resolved[name] = { ...defaultPolicies[name], ...overrides[name] };
  return resolved;
}

import type { Config } from "../config/index.ts";

/** Longest display name accepted anywhere (sign-up, update-user, profile): pages stay readable. */
export const MAX_NAME_LENGTH = 100;

interface SessionTimes {
  createdAt: Date | string;
}

function ageMs(session: SessionTimes, now: Date): number {
  return now.getTime() - new Date(session.createdAt).getTime();
}

/**
 * A session older than SESSION_ABSOLUTE_DAYS is over, however often its sliding expiry was
 * renewed: a stolen cookie kept warm stops working at last.
 */
export function isPastAbsoluteLifetime(
  session: SessionTimes,
  config: Pick<Config, "accounts">,
  now = new Date(),
): boolean {
  return ageMs(session, now) >= config.accounts.sessionAbsoluteMs;
}

/** Signed in (password, Google or second factor) less than FRESH_SESSION_MINUTES ago. */
export function isFreshSession(
  session: SessionTimes,
  config: Pick<Config, "accounts">,
  now = new Date(),
): boolean {
  return ageMs(session, now) < config.accounts.freshSessionMs;
}

interface SecondFactorMarker {
  twoFactorVerified?: boolean | null;
}

/**
 * The session opened (or was confirmed) with a second factor: a TOTP or backup code, or a
 * passkey sign-in. The marker is set only by those endpoints (auth.ts, account-guards.ts), so
 * it alone decides: a passkey-only admin has no TOTP enrolment to check.
 */
export function hasPassedSecondFactor(session: SecondFactorMarker | null | undefined): boolean {
  return session?.twoFactorVerified === true;
}

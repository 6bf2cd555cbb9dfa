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

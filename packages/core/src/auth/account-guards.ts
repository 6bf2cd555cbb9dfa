import type { Db } from "@mentora/db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import type { Config } from "../config/index.ts";
import type { Logger } from "../logger/index.ts";
import { isPastAbsoluteLifetime, MAX_NAME_LENGTH } from "./session-policy.ts";

/** Where a session opens, or is confirmed, by a second factor (TOTP or a backup code). */
export const SECOND_FACTOR_PATHS: ReadonlySet<string> = new Set([
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
]);

/**
 * Where a passkey opens a session: the new session is marked as passed the second factor
 * (possession of the key plus the device's PIN or biometrics). Never applied to the session the
 * request came with: anyone's passkey would then vouch for a stolen cookie.
 */
export const PASSKEY_SIGN_IN_PATH = "/passkey/verify-authentication";

/** Where a second factor is removed: other sessions lose the marker (after-hook below). */
const FACTOR_REMOVALS: ReadonlySet<string> = new Set([
  "/two-factor/disable",
  "/passkey/delete-passkey",
]);

/** Endpoints whose new session opens already verified (databaseHooks.session in auth.ts). */
export function opensVerifiedSession(path: string | undefined): boolean {
  return SECOND_FACTOR_PATHS.has(path ?? "") || path === PASSKEY_SIGN_IN_PATH;
}

/** Auth endpoints that act with the session: an absolute-expired one must not reach them. */
const SESSION_ACTIONS = [
  "/change-password",
  "/change-email",
  "/set-password",
  "/update-user",
  "/delete-user",
  "/list-sessions",
  "/revoke-session",
  "/revoke-sessions",
  "/revoke-other-sessions",
  "/link-social",
  "/unlink-account",
  "/list-accounts",
  "/two-factor/",
  "/passkey/generate-register-options",
  "/passkey/verify-registration",
  "/passkey/list-user-passkeys",
  "/passkey/delete-passkey",
  "/passkey/update-passkey",
];

function isSessionAction(path: string): boolean {
  return SESSION_ACTIONS.some((prefix) =>
    prefix.endsWith("/") ? path.startsWith(prefix) : path === prefix,
  );
}

/** A name a page can show: a non-empty string of at most MAX_NAME_LENGTH characters. */
function checkName(name: unknown) {
  if (name === undefined) return;
  if (typeof name !== "string" || name.trim() === "" || name.length > MAX_NAME_LENGTH) {
    throw APIError.from("BAD_REQUEST", {
      code: "INVALID_NAME",
      message: `The name must be 1 to ${MAX_NAME_LENGTH} characters`,
    });
  }
}

/**
 * Our account rules on better-auth's own endpoints: bounded names, a password change ends
 * every other session, sessions past their absolute lifetime are refused, and a second factor
 * passed while signed in marks the session as verified.
 */
export function accountGuards(deps: {
  config: Pick<Config, "accounts">;
  prisma: Db;
  logger: Logger;
}): BetterAuthPlugin {
  const { config, prisma, logger } = deps;
  return {
    id: "mentora-account-guards",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-up/email" || ctx.path === "/update-user",
          handler: createAuthMiddleware(async (ctx) => {
            checkName((ctx.body as { name?: unknown } | undefined)?.name);
          }),
        },
        {
          matcher: (ctx) => isSessionAction(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const session = await getSessionFromCtx(ctx);
            if (!session || !isPastAbsoluteLifetime(session.session, config)) return;
            await ctx.context.internalAdapter.deleteSession(session.session.token);
            logger.info({ userId: session.user.id }, "session past its absolute lifetime revoked");
            throw APIError.from("UNAUTHORIZED", {
              code: "SESSION_EXPIRED",
              message: "The session has expired: sign in again",
            });
          }),
        },
        {
          // Whatever the client asks, a new password ends every other session (a thief's too).
          matcher: (ctx) => ctx.path === "/change-password",
          handler: createAuthMiddleware(async (ctx) => ({
            context: { body: { ...(ctx.body as object), revokeOtherSessions: true } },
          })),
        },
      ],
      after: [
        {
          // The session lookup itself (pages, tRPC context, the browser's get-session): a
          // session past its absolute lifetime reads as none, and is deleted for good.
          matcher: (ctx) => ctx.path === "/get-session",
          handler: createAuthMiddleware(async (ctx) => {
            const found = ctx.context.returned as
              | { session?: { token: string; createdAt: Date }; user?: { id: string } }
              | null
              | undefined;
            if (!found?.session || !isPastAbsoluteLifetime(found.session, config)) return;
            await ctx.context.internalAdapter.deleteSession(found.session.token);
            deleteSessionCookie(ctx);
            logger.info({ userId: found.user?.id }, "session past its absolute lifetime revoked");
            return ctx.json(null);
          }),
        },
        {
          // A second factor removed (TOTP turned off, a passkey deleted, perhaps a lost one):
          // the sessions it may have opened elsewhere no longer count as verified. The session
          // that removed it keeps its own standing.
          matcher: (ctx) => FACTOR_REMOVALS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.context.returned instanceof Error) return;
            const session = await getSessionFromCtx(ctx);
            if (!session) return;
            await prisma.session.updateMany({
              where: { userId: session.user.id, token: { not: session.session.token } },
              data: { twoFactorVerified: false },
            });
          }),
        },
        {
          // Signed in already (Google, or before enrolment) and now passed the second factor:
          // this very session counts as verified. A sign-in through 2FA gets a new session,
          // marked when created (databaseHooks in auth.ts).
          matcher: (ctx) => SECOND_FACTOR_PATHS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            if (ctx.context.returned instanceof Error) return;
            const token = (await getSessionFromCtx(ctx))?.session.token;
            if (!token) return;
            await prisma.session.updateMany({
              where: { token },
              data: { twoFactorVerified: true },
            });
          }),
        },
      ],
    },
  };
}

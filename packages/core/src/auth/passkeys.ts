import { passkey } from "@better-auth/passkey";
import type { Db } from "@mentora/db";
import { APIError } from "better-auth/api";
import type { Config } from "../config/index.ts";

/** Longest passkey label a page shows ("Laptop", "Work phone"). */
export const MAX_PASSKEY_NAME_LENGTH = 50;

/**
 * better-auth's passkey plugin, bound to PUBLIC_URL: the relying party is its host name and
 * only its origin is accepted (never the request's Origin header, which better-auth would
 * trust otherwise). The key must verify the person (PIN or biometrics): a passkey sign-in counts
 * as the admins' second factor, so presence alone is not enough.
 */
export function passkeyPlugin({
  config,
  prisma,
}: {
  config: { app: Pick<Config["app"], "publicUrl"> };
  prisma: Db;
}) {
  const url = new URL(config.app.publicUrl);
  const plugin = passkey({
    rpID: url.hostname,
    rpName: "Mentora",
    origin: url.origin,
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    registration: {
      afterVerification: async ({ verification, ctx }) => {
        if (!verification.registrationInfo?.userVerified) throw userVerificationMissing();
        const name = (ctx.body as { name?: unknown } | undefined)?.name;
        if (typeof name === "string" && name.length > MAX_PASSKEY_NAME_LENGTH) {
          throw APIError.from("BAD_REQUEST", {
            code: "INVALID_PASSKEY_NAME",
            message: `The name must be at most ${MAX_PASSKEY_NAME_LENGTH} characters`,
          });
        }
      },
    },
    authentication: {
      afterVerification: async ({ verification, clientData }) => {
        if (!verification.authenticationInfo.userVerified) throw userVerificationMissing();
        // A deleted account keeps its row as a pseudonym: its keys must not open it again.
        const id = (clientData as { id?: unknown }).id;
        const key = typeof id === "string" ? await passkeyOwner(prisma, id) : null;
        if (!key || key.user.deletedAt) {
          throw APIError.from("UNAUTHORIZED", {
            code: "PASSKEY_NOT_FOUND",
            message: "Passkey not found",
          });
        }
      },
    },
  });
  return plugin;
}

function passkeyOwner(prisma: Db, credentialID: string) {
  return prisma.passkey.findUnique({
    where: { credentialID },
    select: { user: { select: { deletedAt: true } } },
  });
}

function userVerificationMissing() {
  return APIError.from("UNAUTHORIZED", {
    code: "PASSKEY_USER_NOT_VERIFIED",
    message: "The passkey did not verify you (PIN or biometrics)",
  });
}

import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@mentora/db";
import { z } from "zod";
import { appError } from "../errors/index.ts";
import type { Auth } from "./auth.ts";

/** Where better-auth's reset link lands once its token is checked: the set-password form. */
export const SET_PASSWORD_PATH = "/reset-password";
/** The link is for the operator who just ran the command, not a mailbox: short-lived. */
export const ADMIN_LINK_LIFETIME_MS = 60 * 60 * 1000;

const inputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(100).optional(),
});

export interface AdminSetupLink {
  userId: string;
  email: string;
  /** true: a new account; false: an existing one promoted to admin. */
  created: boolean;
  /** Opens the set-password form; works once, until `expiresAt`. */
  url: string;
  expiresAt: Date;
}

/**
 * Creates an admin (or promotes an existing account) and returns a one-time link to set its
 * password: better-auth's own reset-password token (a verification row `reset-password:<token>`
 * that its /reset-password endpoints consume), so no password ever passes through a command
 * line, a log or this process. The address counts as verified: the operator vouches for it.
 */
export async function createAdminSetupLink(
  deps: { prisma: Db; auth: Auth; publicUrl: string },
  input: { email: string; name?: string },
): Promise<AdminSetupLink> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw appError("VALIDATION_FAILED", {
      fields: parsed.error.issues.map((issue) => issue.path.join(".")),
    });
  }
  const { email, name } = parsed.data;
  const existing = await deps.prisma.user.findUnique({ where: { email } });
  const user = existing
    ? await deps.prisma.user.update({
        where: { id: existing.id },
        data: { role: "ADMIN", emailVerified: true, ...(name ? { name } : {}) },
      })
    : await deps.prisma.user.create({
        data: {
          id: randomUUID(),
          email,
          name: name ?? email.split("@")[0] ?? email,
          emailVerified: true,
          role: "ADMIN",
        },
      });

  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + ADMIN_LINK_LIFETIME_MS);
  const context = await deps.auth.$context;
  await context.internalAdapter.createVerificationValue({
    identifier: `reset-password:${token}`,
    value: user.id,
    expiresAt,
  });
  const url = new URL(`api/auth/reset-password/${token}`, withSlash(deps.publicUrl));
  url.searchParams.set("callbackURL", SET_PASSWORD_PATH);
  return { userId: user.id, email, created: !existing, url: url.toString(), expiresAt };
}

const withSlash = (base: string) => (base.endsWith("/") ? base : `${base}/`);

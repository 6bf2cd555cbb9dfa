import { z } from "zod";
import { apiScopes } from "../../contracts/index.ts";
import { authedProcedure } from "../../trpc/init.ts";
import { permissionsToScopes } from "../scopes.ts";

export const apiKeySummary = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters, to tell keys apart; never the key. */
  start: z.string().nullable(),
  scopes: z.array(z.enum(apiScopes)),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});

/** The caller's API keys, newest first. */
export const list = authedProcedure.output(z.array(apiKeySummary)).query(async ({ ctx }) => {
  const keys = await ctx.services.prisma.apiKey.findMany({
    where: { referenceId: ctx.user.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return keys.map((key) => ({
    id: key.id,
    name: key.name ?? "",
    start: key.start,
    scopes: permissionsToScopes(key.permissions),
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastRequest,
  }));
});

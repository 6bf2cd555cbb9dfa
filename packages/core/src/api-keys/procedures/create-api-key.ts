import { z } from "zod";
import { apiKeyForm, apiScopes } from "../../contracts/index.ts";
import { appError } from "../../errors/index.ts";
import { authedProcedure, requireFreshSession } from "../../trpc/init.ts";
import { permissionsToScopes, scopesToPermissions } from "../scopes.ts";

/** Keys one person may hold at once: enough for every integration, not a table to fill. */
export const maxApiKeysPerUser = 20;
const DAY_SECONDS = 86_400;

export const createApiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  /** The key itself: shown this once, only its hash is stored. */
  key: z.string(),
  start: z.string().nullable(),
  scopes: z.array(z.enum(apiScopes)),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
});

/**
 * A new API key of the caller's, with its scopes and optional expiry (decision 052). A key
 * outlives sessions: only a recent sign-in may make one, so a stolen session cookie cannot turn
 * itself into lasting access.
 */
export const create = authedProcedure
  .use(requireFreshSession)
  .input(apiKeyForm)
  .output(createApiKeyOutput)
  .mutation(async ({ ctx, input }) => {
    const { prisma, auth } = ctx.services;
    const held = await prisma.apiKey.count({ where: { referenceId: ctx.user.id } });
    if (held >= maxApiKeysPerUser) throw appError("CONFLICT", { limit: maxApiKeysPerUser });
    // A server call (no headers): the plugin lets only the server set permissions.
    const created = await auth.api.createApiKey({
      body: {
        name: input.name,
        userId: ctx.user.id,
        permissions: scopesToPermissions(input.scopes),
        expiresIn: input.expiresInDays ? input.expiresInDays * DAY_SECONDS : null,
      },
    });
    ctx.services.logger.info(
      { userId: ctx.user.id, apiKeyId: created.id, scopes: input.scopes, requestId: ctx.requestId },
      "api key created",
    );
    return {
      id: created.id,
      name: created.name ?? input.name,
      key: created.key,
      start: created.start ?? null,
      scopes: permissionsToScopes(created.permissions),
      expiresAt: created.expiresAt ? new Date(created.expiresAt) : null,
      createdAt: new Date(created.createdAt),
    };
  });

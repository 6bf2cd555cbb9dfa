import { getOutboxEmail, listOutbox } from "@mentora/email";
import { z } from "zod";
import { appError } from "../../errors/index.ts";
import { publicProcedure, router } from "../../trpc/init.ts";

/** The dev outbox exists only outside production: there it reads as not found. */
const devOnlyProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.services.config.app.env === "production") throw appError("NOT_FOUND");
  return next();
});

const outboxEmail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.date(),
});

export const listOutboxEmails = devOnlyProcedure
  .input(
    z
      .object({ to: z.string().max(320).optional() })
      .strict()
      .optional(),
  )
  .output(z.array(outboxEmail))
  .query(({ ctx, input }) => listOutbox(ctx.services.prisma, { to: input?.to, limit: 100 }));

export const getOutboxEmailById = devOnlyProcedure
  .input(z.object({ id: z.string().max(100) }).strict())
  .output(outboxEmail)
  .query(async ({ ctx, input }) => {
    const email = await getOutboxEmail(ctx.services.prisma, input.id);
    if (!email) throw appError("NOT_FOUND");
    return email;
  });

export const devRouter = router({
  outbox: router({ list: listOutboxEmails, get: getOutboxEmailById }),
});

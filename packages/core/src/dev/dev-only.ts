import { z } from "zod";
import { appError } from "../errors/index.ts";
import { publicProcedure } from "../trpc/init.ts";

/** The dev outbox exists only outside production: there it reads as not found. */
export const devOnlyProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.services.config.app.env === "production") throw appError("NOT_FOUND");
  return next();
});

export const outboxEmail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.date(),
});

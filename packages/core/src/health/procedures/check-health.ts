import { z } from "zod";
import { publicProcedure } from "../../trpc/init.ts";

/** Liveness with a real database round trip; /healthz answers 503 when this reports down. */
export const check = publicProcedure
  .output(z.object({ status: z.enum(["ok", "down"]), database: z.enum(["up", "down"]) }))
  .query(async ({ ctx }) => {
    try {
      await ctx.services.prisma.$queryRaw`SELECT 1`;
      return { status: "ok" as const, database: "up" as const };
    } catch (error) {
      ctx.services.logger.error({ err: error, requestId: ctx.requestId }, "health check failed");
      return { status: "down" as const, database: "down" as const };
    }
  });
